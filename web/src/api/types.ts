/**
 * API types for /api/v1, generated from the back end's OpenAPI schema.
 *
 * `make web` (or `procta openapi > web/openapi.json && npm run gen:api`) writes
 * `./schema.d.ts` from the running code's Pydantic models; this file only gives the
 * generated shapes the names the rest of the front end uses. A back-end change that
 * breaks a page breaks `tsc` here instead of in a user's browser.
 */
import type { components } from './schema';

type S = components['schemas'];

export type Role = S['MemberOut']['role'];
/** ISO-8601 timestamp, UTC. */
export type Timestamp = string;

export type User = S['UserOut'];
export type CurrentOrg = S['CurrentOrgOut'];
export type Membership = S['MembershipOut'];
export type Me = S['MeOut'];
export type SignupRequest = S['SignupIn'];
export type LoginRequest = S['LoginIn'];
export type LoginResponse = S['LoginOut'];
export type TwoFactorLoginRequest = S['TwoFactorLoginIn'];
export type ForgotPasswordResponse = S['DetailOut'];
export type AuthSession = S['SessionOut'];
export type AuditEvent = S['AuditOut'];
export type Organization = S['OrgOut'];
export type OrgUpdate = S['OrgUpdateIn'];
export type Member = S['MemberOut'];
export type Invite = S['InviteOut'];
export type InviteCreate = S['InviteIn'];
export type ApiKey = S['ApiKeyOut'];
export type ApiKeyCreated = S['ApiKeyCreatedOut'];
export type PublicInvite = S['InvitePublicOut'];
export type InviteAccept = S['AcceptInviteIn'];
export type AdminOrg = S['OrgSummaryOut'];
export type ApiErrorBody = S['ErrorOut'];

// The student's exam client (/api/v1/exam-sessions).
export type ExamInfo = S['ExamInfoOut'];
export type JoinRequest = S['JoinIn'];
export type JoinResponse = S['JoinOut'];
export type ExamSession = S['ExamSessionOut'];
export type QuestionView = S['QuestionView'];
export type AnswerView = S['AnswerView'];
export type AnswerRequest = S['AnswerIn'];
export type AnswerSaved = S['AnswerSavedOut'];
export type Timing = S['TimingOut'];
export type Submitted = S['SubmittedOut'];
export type ProctoringSetup = S['ProctoringSetup'];
export type ConsentRequest = S['ConsentIn'];
export type ConsentResult = S['ConsentOut'];
export type CalibrationRequest = S['CalibrationIn'];
export type CalibrationResult = S['CalibrationOut'];
export type CalibrationBaseline = S['Baseline'];
export type SnapshotUploaded = S['SnapshotOut'];
export type ProctorEventIn = S['EventIn'];
export type EventBatchRequest = S['EventBatchIn'];
export type EventBatchResult = S['EventBatchOut'];

// Proctoring, teacher side (/api/v1/attempts/{id}/proctoring, flags, verdicts, live).
export type Proctoring = S['ProctoringOut'];
export type ProctoringScores = S['ScoresOut'];
export type ProctorFlag = S['FlagOut'];
export type ProctorMedia = S['MediaOut'];
export type FlagDecision = S['DecisionIn']['decision'];
export type Verdict = S['BulkVerdictIn']['verdict'];
export type BulkUpdated = S['BulkOut'];
export type LiveSession = S['LiveRow'];
export type BackfillResult = S['BackfillOut'];

// Live monitoring, teacher side (/api/v1/exams/{id}/live, /live/alerts, /attempts/{id}/live, actions, chat).
export type LiveAlert = S['AlertOut'];
export type LiveTriage = S['TriageOut'];
export type LiveIdentity = S['Identity'];
export type ProctorActionRequest = S['ActionIn'];
export type ProctorActionKind = S['ActionIn']['action'];
export type ProctorAction = S['ActionOut'];
export type ProctorActed = S['ActedOut'];
export type LiveChatMessage = S['ChatMessage'];

// Live mode: proctors on duty per exam (/api/v1/exams/{id}/proctors).
export type ProctorDuty = S['DutyOut'];
export type ProctorLoad = S['ProctorLoad'];
export type ProctorDutyRequest = S['ProctorsIn'];

// WebSocket messages are not described by OpenAPI: this one is written by hand.
/** A message on WS /ws/teacher. */
export interface TeacherEvent {
  type: string;
  org_id?: string;
  data?: Record<string, unknown>;
}

/** The live-monitoring messages on WS /ws/teacher (`id`: replayable with `?last_id=`). */
export type LiveSeen = Pick<
  LiveSession,
  'attempt_id' | 'exam_id' | 'status' | 'deadline_at' | 'paused_at' | 'last_seen_at'
>;

export type LiveFeedMessage =
  /** A row of the sessions table changed, or a new attempt appeared (no id: a fading repaint). */
  | { type: 'session'; id?: string; row: LiveSession }
  /** A heartbeat: Last Seen and the clock fields, patched into the row if it is shown. */
  | { type: 'seen'; row: LiveSeen }
  /** A new flag. */
  | { type: 'alert'; id?: string; alert: LiveAlert }
  /** A student wrote, or a proctor wrote to one student (attempt_id) or to the whole exam. */
  | { type: 'chat'; id?: string; message: LiveChatMessage; attempt_id?: string; exam_id: string }
  /** What was missed cannot be replayed: reload. */
  | { type: 'resync' }
  /** The socket is back and the server replays the feed; chat is not kept for replay. */
  | { type: 'reconnected' };

// --- review (issue 7)
// Record & review, teacher side (/api/v1/reviews, /attempts/{id}/review, warnings, appeal).
export type ReviewQueueItem = S['ReviewItem'];
export type ReviewQueuePage = S['Page_ReviewItem_'];
export type ReviewPacket = S['ReviewPacket'];
export type ReviewRecording = S['RecordingOut'];
export type Review = S['ReviewOut'];
export type ReviewStatus = S['ReviewOut']['status'];
export type ReviewRequest = S['ReviewIn'];
export type BulkReviewRequest = S['BulkReviewIn'];
export type ReviewNext = S['NextOut'];
export type ReviewWarningRequest = S['WarningIn'];
export type Appeal = S['AppealOut'];
export type AppealResolveRequest = S['AppealResolveIn'];
// --- end review (issue 7)

// --- reports, retention, student result (issue 7)
/** POST /exams/{id}/release. */
export type ResultsRelease = S['ReleaseOut'];
/** GET /exam-sessions/{id}/result: what a student sees once results are released. */
export type StudentResult = S['StudentResultOut'];
export type StudentResultFlag = S['StudentFlagOut'];
export type StudentReview = S['ReviewOut'];
export type StudentAppeal = S['AppealOut'];
export type AppealRequest = S['AppealIn'];
/** POST /tools/cleanup-media: what the retention cleanup freed. */
export type MediaCleanupResult = S['CleanupOut'];
/** GET /attempts/{id}/summary and /exams/{id}/summary: by rules, or by the configured LLM. */
export type AiSummary = S['SummaryOut'];

// --- result access (student, coming back to a released result)
/** POST /exam-sessions/result-access: a new token for a finished attempt (same body as the join). */
export type ResultAccess = S['ResultAccessOut'];
