/** Names for the generated API shapes this area uses. */
import type { components } from '../../api/schema';

type S = components['schemas'];

export type ExamStatus = S['ExamOut']['status'];
export type ProctoringMode = S['ExamOut']['mode'];
export type ExamSummary = S['ExamSummaryOut'];
export type ExamPage = S['Page_ExamSummaryOut_'];
export type Exam = S['ExamOut'];
export type ExamCreate = S['ExamIn'];
export type ExamPatch = S['ExamPatchIn'];
export type FlagSetting = S['FlagSetting'];
export type EffectiveFlag = S['EffectiveFlagOut'];
export type ExamItem = S['ExamItemOut'];
export type QuestionSummary = S['QuestionSummaryOut'];
export type ExamItems = S['ExamItemsOut'];
export type ItemIn = S['ItemIn'];
export type Accommodation = S['AccommodationOut'];
export type AccommodationIn = S['AccommodationIn'];
export type ExamTemplate = S['TemplateOut'];
export type AccessCode = S['AccessCodeOut'];

export type Course = S['CourseOut'];
export type Group = S['GroupOut'];
export type Student = S['StudentOut'];
export type StudentPage = S['Page_StudentOut_'];
export type StudentCount = S['StudentCountOut'];
export type Question = S['QuestionOut'];
export type QuestionType = Question['type'];
export type QuestionPage = S['Page_QuestionOut_'];
export type TagCount = S['TagCount'];

export type InvitesIn = S['ExamInviteIn'];
export type InvitesOut = S['ExamInvitesOut'];
