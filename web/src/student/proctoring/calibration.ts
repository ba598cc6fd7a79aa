/**
 * Calibration ("Cal") and the room's sound: pure functions on measured numbers.
 *
 * The student looks at the screen for a few seconds while the client samples the camera
 * (brightness from a small canvas; face size and pose where the browser has FaceDetector)
 * and the microphone (RMS level in dBFS). The verdict is `ok`, or `poor` with the reasons
 * the student can fix; the baseline goes to the server, which measures gaze, head movement
 * and noise against it.
 */
import type { CalibrationBaseline } from '../../api/types';

/** Below this mean luma (0–255) the face is too dark to analyse. */
export const DARK_LUMA = 60;
/** Above this the picture is washed out (a lamp or a window behind or into the camera). */
export const BRIGHT_LUMA = 215;
/** A face narrower than this fraction of the frame is too far from the camera. */
export const SMALL_FACE = 0.15;
/** A room louder than this (dBFS) while the student is silent is too noisy. */
export const NOISY_DB = -35;
/** The floor used when nothing could be measured (a quiet room). */
export const DEFAULT_FLOOR_DB = -60;

export const REASON_TEXT = {
  dark: 'Your face is too dark — add light in front of you.',
  bright: 'The picture is too bright — move away from a window or lamp behind you.',
  small: 'Your face is too small — move closer to the camera.',
  no_face: 'We could not see your face — look at the screen and centre yourself in the picture.',
  noisy: 'Your room is noisy — find a quieter place or close the door.',
  no_video: 'No picture came from your camera.',
} as const;

export type Reason = keyof typeof REASON_TEXT;

/** Mean luma (Rec. 601) of RGBA pixels. */
export function meanLuma(rgba: ArrayLike<number>): number {
  const n = Math.floor(rgba.length / 4);
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n * 4; i += 4) sum += 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
  return sum / n;
}

/** RMS level of audio samples (-1..1) in dBFS, clamped to -120..0. */
export function rmsDb(samples: ArrayLike<number>): number {
  if (samples.length === 0) return -120;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return -120;
  return Math.max(-120, Math.min(0, 20 * Math.log10(rms)));
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The value below which `p` (0..1) of the values lie. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
}

/** What to tell the student about the light right now (null: fine). */
export function lightingAdvice(brightness: number | null): { reason: Reason; message: string } | null {
  if (brightness === null) return null;
  if (brightness < DARK_LUMA) return { reason: 'dark', message: REASON_TEXT.dark };
  if (brightness > BRIGHT_LUMA) return { reason: 'bright', message: REASON_TEXT.bright };
  return null;
}

export interface Pose {
  yaw: number;
  pitch: number;
  roll: number;
}

interface Point {
  x: number;
  y: number;
}

/** A rough head pose from FaceDetector landmarks (both eyes, and the nose if found). */
export function poseFromLandmarks(landmarks: { type: string; locations: Point[] }[]): Pose | null {
  const centre = (type: string) => {
    const found = landmarks.filter((l) => l.type === type).map((l) => l.locations);
    const pts = found.flat();
    if (pts.length === 0) return null;
    return { x: pts.reduce((a, p) => a + p.x, 0) / pts.length, y: pts.reduce((a, p) => a + p.y, 0) / pts.length };
  };
  const eyes = landmarks.filter((l) => l.type === 'eye');
  if (eyes.length < 2) return null;
  const centres = eyes.slice(0, 2).map((e) => ({
    x: e.locations.reduce((a, p) => a + p.x, 0) / Math.max(1, e.locations.length),
    y: e.locations.reduce((a, p) => a + p.y, 0) / Math.max(1, e.locations.length),
  }));
  const [l, r] = centres[0].x <= centres[1].x ? centres : [centres[1], centres[0]];
  const dx = r.x - l.x;
  const dy = r.y - l.y;
  const dist = Math.hypot(dx, dy);
  if (dist <= 0) return null;
  const clamp = (v: number, lim: number) => Math.max(-lim, Math.min(lim, v));
  const roll = clamp((Math.atan2(dy, dx) * 180) / Math.PI, 180);
  const nose = centre('nose');
  if (!nose) return { yaw: 0, pitch: 0, roll };
  const mid = { x: (l.x + r.x) / 2, y: (l.y + r.y) / 2 };
  // Frontal faces: the nose sits under the eyes' midpoint, about 0.6 eye distances down.
  const yaw = clamp(((nose.x - mid.x) / dist) * 90, 90);
  const pitch = clamp(((nose.y - mid.y) / dist - 0.6) * 90, 90);
  return { yaw, pitch, roll };
}

export interface CalSamples {
  /** Mean luma of each sampled frame. */
  brightness: number[];
  /** Face width / frame width per frame where a face was found. */
  faceSizes: number[];
  /** Frames in which face detection ran (0 where the browser has no FaceDetector). */
  faceChecks: number;
  poses: Pose[];
  /** Microphone level per sample, dBFS. */
  levelsDb: number[];
}

export interface CalVerdict {
  status: 'ok' | 'poor';
  reasons: Reason[];
  /** The reasons in words, for the server and the student. */
  reason: string;
  baseline: CalibrationBaseline;
}

function round(v: number | null, digits = 2): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** The room's noise floor: a low percentile of the levels, so a cough does not raise it. */
export function noiseFloor(levelsDb: number[]): number | null {
  return percentile(levelsDb, 0.2);
}

export function calibrationVerdict(s: CalSamples): CalVerdict {
  const reasons: Reason[] = [];
  const brightness = median(s.brightness);
  if (brightness === null) reasons.push('no_video');
  else {
    const light = lightingAdvice(brightness);
    if (light) reasons.push(light.reason);
  }
  const faceSize = median(s.faceSizes);
  if (s.faceChecks > 0) {
    // FaceDetector ran: a face must be seen in at least half the frames, big enough.
    if (s.faceSizes.length < s.faceChecks / 2) reasons.push('no_face');
    else if (faceSize !== null && faceSize < SMALL_FACE) reasons.push('small');
  }
  const floor = noiseFloor(s.levelsDb);
  if (floor !== null && floor > NOISY_DB) reasons.push('noisy');
  const pose = (k: keyof Pose) => median(s.poses.map((p) => p[k]));
  const baseline: CalibrationBaseline = {
    yaw: round(pose('yaw'), 1),
    pitch: round(pose('pitch'), 1),
    roll: round(pose('roll'), 1),
    face_size: faceSize === null ? null : round(Math.min(1, Math.max(0, faceSize)), 3),
    brightness: brightness === null ? null : round(Math.min(255, Math.max(0, brightness)), 1),
    noise_floor_db: floor === null ? null : round(Math.min(0, Math.max(-120, floor)), 1),
    samples: Math.min(10_000, Math.max(s.brightness.length, s.levelsDb.length)),
  };
  return {
    status: reasons.length ? 'poor' : 'ok',
    reasons,
    reason: reasons.map((r) => REASON_TEXT[r]).join(' ').slice(0, 200),
    baseline,
  };
}

/** The level above which sound counts as noise: well above the calibrated floor, and
 * never below ordinary quiet-room levels. */
export function noiseThreshold(floorDb: number | null | undefined): number {
  const floor = floorDb ?? DEFAULT_FLOOR_DB;
  return Math.max(floor + 15, -45);
}

/**
 * Persistent noise, from levels sampled a few times a second: `start` once the level has
 * stayed above the threshold for `holdMs`, `end` once it has stayed below for `releaseMs`.
 */
export class NoiseWatch {
  private aboveSince: number | null = null;
  private belowSince: number | null = null;
  active = false;

  constructor(
    readonly threshold: number,
    private readonly holdMs = 3000,
    private readonly releaseMs = 4000,
  ) {}

  feed(db: number, now: number): 'start' | 'end' | null {
    if (db >= this.threshold) {
      this.belowSince = null;
      this.aboveSince ??= now;
      if (!this.active && now - this.aboveSince >= this.holdMs) {
        this.active = true;
        return 'start';
      }
    } else {
      this.aboveSince = null;
      this.belowSince ??= now;
      if (this.active && now - this.belowSince >= this.releaseMs) {
        this.active = false;
        return 'end';
      }
    }
    return null;
  }
}
