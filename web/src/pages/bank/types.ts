/** Names for the generated API shapes this area uses. */
import type { components } from '../../api/schema';

type S = components['schemas'];

export type Question = S['QuestionOut'];
export type QuestionBody = S['QuestionIn'];
export type QuestionType = Question['type'];
export type TagCount = S['TagCount'];
export type QuestionPage = S['Page_QuestionOut_'];
export type QuestionImport = S['procta__questions__schemas__ImportOut'];

export type Student = S['StudentOut'];
export type StudentBody = S['StudentIn'];
export type StudentUpdate = S['StudentUpdateIn'];
export type StudentPage = S['Page_StudentOut_'];
export type StudentCount = S['StudentCountOut'];
export type RosterImport = S['procta__students__schemas__ImportOut'];

export type Group = S['GroupOut'];
export type GroupBody = S['GroupIn'];
export type GroupUpdate = S['GroupUpdateIn'];

export type Course = S['CourseOut'];
export type CourseBody = S['CourseIn'];
export type CourseUpdate = S['CourseUpdateIn'];

export type RegistrationLink = S['RegistrationLinkOut'];
export type RegistrationInfo = S['RegistrationInfoOut'];
export type RegisterBody = S['RegisterIn'];
export type RegisteredStudent = S['RegisteredStudentOut'];

/** One row of an import report: the spreadsheet row (or QTI item) and what is wrong with it. */
export interface ImportRowProblem {
  row: number;
  file?: string | null;
  errors: string[];
}
