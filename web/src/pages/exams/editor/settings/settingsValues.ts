/** The exam settings form: its values, checks, and the request bodies built from them. */
import { isApiError } from '../../../../api/client';
import { toLocalInput, toUtcIso, windowError } from '../../lib/datetime';
import type { EffectiveFlag, Exam, ExamCreate, ExamPatch, FlagSetting, ProctoringMode } from '../../types';

export const MAX_RULES = 30;
export const RULE_MAX_LENGTH = 200;
export const ACCESS_CODE_MAX_LENGTH = 40;

interface FlagValue {
  enabled: boolean;
  weight: number | string;
}

export interface SettingsValues {
  title: string;
  instructions: string;
  course_id: string | null;
  duration_minutes: number | string;
  /** Local "YYYY-MM-DDTHH:mm", or "" for no limit. */
  window_start: string;
  window_end: string;
  access_code: string;
  group_ids: string[];
  mode: ProctoringMode;
  rules_allowed: string[];
  rules_prohibited: string[];
  /** Every flag type of the exam by name; empty for a new exam (defaults apply). */
  flags: Record<string, FlagValue>;
  room_camera_required: boolean;
  screen_recording_required: boolean;
  /** Keep webcam and screen video; always on in Record & review mode. */
  record_video: boolean;
  /** Seconds between webcam snapshots, and between screen snapshots when the screen is recorded. */
  snapshot_interval_s: number;
  screen_interval_s: number;
  shuffle_questions: boolean;
  shuffle_options: boolean;
}

export function newExamValues(): SettingsValues {
  return {
    title: '',
    instructions: '',
    course_id: null,
    duration_minutes: 60,
    window_start: '',
    window_end: '',
    access_code: '',
    group_ids: [],
    mode: 'auto',
    rules_allowed: [],
    rules_prohibited: [],
    flags: {},
    room_camera_required: false,
    screen_recording_required: false,
    record_video: false,
    snapshot_interval_s: 10,
    screen_interval_s: 30,
    shuffle_questions: true,
    shuffle_options: true,
  };
}

export function valuesFromExam(exam: Exam): SettingsValues {
  return {
    title: exam.title,
    instructions: exam.instructions,
    course_id: exam.course?.id ?? null,
    duration_minutes: exam.duration_minutes,
    window_start: toLocalInput(exam.window_start),
    window_end: toLocalInput(exam.window_end),
    access_code: exam.access_code,
    group_ids: exam.groups.map((g) => g.id),
    mode: exam.mode,
    rules_allowed: [...exam.rules_allowed],
    rules_prohibited: [...exam.rules_prohibited],
    flags: Object.fromEntries(exam.flags.map((f) => [f.type, { enabled: f.enabled, weight: f.weight }])),
    room_camera_required: exam.room_camera_required,
    screen_recording_required: exam.screen_recording_required,
    record_video: exam.record_video,
    snapshot_interval_s: exam.snapshot_interval_s,
    screen_interval_s: exam.screen_interval_s,
    shuffle_questions: exam.shuffle_questions,
    shuffle_options: exam.shuffle_options,
  };
}

/** Only the flag types that differ from their defaults: others follow the defaults. */
function flagOverrides(flags: EffectiveFlag[], values: Record<string, FlagValue>): Record<string, FlagSetting> {
  const out: Record<string, FlagSetting> = {};
  for (const flag of flags) {
    const value = values[flag.type];
    if (!value) continue;
    const weight = Number(value.weight);
    if (!value.enabled || weight !== flag.default_weight) out[flag.type] = { enabled: value.enabled, weight };
  }
  return out;
}

function cleanRules(rules: string[]): string[] {
  return rules.map((r) => r.trim()).filter(Boolean);
}

/** The settings as the API takes them (PATCH sends the same fields; status changes apart). */
function settingsBody(values: SettingsValues, flags: EffectiveFlag[]): Required<Omit<ExamCreate, 'status'>> {
  return {
    title: values.title.trim(),
    instructions: values.instructions,
    course_id: values.course_id || null,
    duration_minutes: Number(values.duration_minutes),
    window_start: toUtcIso(values.window_start),
    window_end: toUtcIso(values.window_end),
    // An empty code means "no code": anyone with the link may start.
    access_code: values.access_code.trim(),
    group_ids: values.group_ids,
    mode: values.mode,
    rules_allowed: cleanRules(values.rules_allowed),
    rules_prohibited: cleanRules(values.rules_prohibited),
    flag_settings: flagOverrides(flags, values.flags),
    room_camera_required: values.room_camera_required,
    screen_recording_required: values.screen_recording_required,
    // Record & review always records; the server says so too.
    record_video: values.mode === 'record_review' || values.record_video,
    snapshot_interval_s: Number(values.snapshot_interval_s),
    screen_interval_s: Number(values.screen_interval_s),
    shuffle_questions: values.shuffle_questions,
    shuffle_options: values.shuffle_options,
  };
}

export function createBody(values: SettingsValues): ExamCreate {
  return { ...settingsBody(values, []), status: 'draft' };
}

export function patchBody(values: SettingsValues, flags: EffectiveFlag[]): ExamPatch {
  return settingsBody(values, flags);
}

function validWeight(value: number | string): boolean {
  const n = Number(value);
  return value !== '' && Number.isFinite(n) && n >= 0 && n <= 1000;
}

function ruleErrors(rules: string[]): string | null {
  if (cleanRules(rules).length > MAX_RULES) return `At most ${MAX_RULES} rules`;
  if (rules.some((r) => r.trim().length > RULE_MAX_LENGTH)) return `Keep each rule under ${RULE_MAX_LENGTH} characters`;
  return null;
}

export const validateSettings = {
  title: (v: string) => (v.trim() ? (v.trim().length > 200 ? 'Keep the title under 200 characters' : null) : 'Give the exam a title'),
  duration_minutes: (v: number | string) => {
    const n = Number(v);
    if (v === '' || !Number.isInteger(n) || n < 1 || n > 1440) return 'Enter a duration from 1 to 1440 minutes';
    return null;
  },
  window_end: (end: string, values: SettingsValues) => windowError(values.window_start, end),
  access_code: (v: string) => (v.trim().length > ACCESS_CODE_MAX_LENGTH ? `At most ${ACCESS_CODE_MAX_LENGTH} characters` : null),
  rules_allowed: ruleErrors,
  rules_prohibited: ruleErrors,
  flags: (flags: Record<string, FlagValue>) =>
    Object.values(flags).every((f) => validWeight(f.weight)) ? null : 'Each weight must be from 0 to 1000',
};

/** Form fields the API names in its validation errors, as the form calls them. */
const FIELD_OF: Record<string, keyof SettingsValues> = {
  title: 'title',
  instructions: 'instructions',
  course_id: 'course_id',
  duration_minutes: 'duration_minutes',
  window_start: 'window_start',
  window_end: 'window_end',
  access_code: 'access_code',
  group_ids: 'group_ids',
  mode: 'mode',
  rules_allowed: 'rules_allowed',
  rules_prohibited: 'rules_prohibited',
  flag_settings: 'flags',
};

/**
 * The form field an API error is about, with its message in words, or null when it is
 * about the exam as a whole. The API names the first bad field: "window_end: …".
 */
export function fieldError(err: unknown): { field: keyof SettingsValues; message: string } | null {
  if (isApiError(err, 'invalid_window')) return { field: 'window_end', message: err.message };
  if (!isApiError(err, 'validation_error')) return null;
  const match = /^([a-z_]+)[^:]*:\s*(.+)$/.exec(err.message);
  if (!match) return null;
  const message = match[2]!.replace(/^Value error, /, '');
  // A check across fields is reported on the body; its message names the field.
  const named = match[1] === 'body' ? Object.keys(FIELD_OF).find((name) => message.startsWith(name)) : match[1];
  const field = named ? FIELD_OF[named] : undefined;
  return field ? { field, message } : null;
}
