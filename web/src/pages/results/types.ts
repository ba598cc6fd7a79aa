/** Names for the results API's generated shapes (procta/attempts/results_schemas.py). */
import type { components, operations } from '../../api/schema';

type S = components['schemas'];

export type ResultRow = S['ResultRow'];
export type ResultsPage = S['Page_ResultRow_'];
export type ResultsSummary = S['ResultsSummary'];
export type AttemptDetail = S['AttemptDetailOut'];
export type AttemptQuestion = S['AttemptQuestionOut'];
export type GradeRequest = S['GradeIn'];
export type FailedPage = S['Page_FailedRow_'];
export type HistoryPage = S['Page_HistoryRow_'];
export type HistoryAttempt = S['HistoryAttempt'];
export type ExamsPage = S['Page_ExamSummaryOut_'];
export type Exam = S['ExamOut'];
export type Student = S['StudentOut'];

/** Columns the server can sort the Results table by. */
export type ResultSort = NonNullable<
  NonNullable<operations['exam_results_api_v1_exams__exam_id__attempts_get']['parameters']['query']>['sort']
>;
export type SortOrder = 'asc' | 'desc';
