/**
 * The review timeline, in pure functions.
 *
 * The review timeline starts at the packet's `timeline_start` (second 0). Each recording
 * starts `offset_s` seconds into it and lasts `duration_s`; its `gaps` (seconds into that
 * video) are stretches where chunks are missing. A flag sits at the seconds between
 * `timeline_start` and its `started_at`.
 */

export interface Gap {
  start_s: number;
  end_s: number;
}

export interface Track {
  offset_s: number;
  duration_s: number;
  gaps: Gap[];
}

/** The server's gap objects are loosely typed: read them as numbers. */
export function toTrack(r: { offset_s: number; duration_s: number; gaps: Record<string, number>[] }): Track {
  return {
    offset_s: r.offset_s,
    duration_s: r.duration_s,
    gaps: r.gaps
      .map((g) => ({ start_s: Number(g.start_s ?? 0), end_s: Number(g.end_s ?? 0) }))
      .filter((g) => g.end_s > g.start_s)
      .sort((a, b) => a.start_s - b.start_s),
  };
}

/** Where a track ends on the review timeline. */
export function trackEnd(track: Track): number {
  return track.offset_s + track.duration_s;
}

/** The review timeline's length: until the last recording ends. */
export function timelineLength(tracks: Track[]): number {
  return tracks.reduce((max, t) => Math.max(max, trackEnd(t)), 0);
}

/** The video time for timeline second `t`, or null when this video has nothing there. */
export function timelineToVideo(track: Track, t: number): number | null {
  const v = t - track.offset_s;
  if (v < 0 || v > track.duration_s) return null;
  return v;
}

/** The timeline second shown by this video at video time `v`. */
export function videoToTimeline(track: Track, v: number): number {
  return v + track.offset_s;
}

/**
 * The gap that video time `v` falls in (or is about to, within `lead` seconds: a player
 * may stall just before a gap), or null.
 */
export function inGap(track: Track, v: number, lead = 0): Gap | null {
  for (const gap of track.gaps) {
    if (v >= gap.start_s - lead && v < gap.end_s) return gap;
  }
  return null;
}

/** A track's gaps as stretches of the review timeline. */
export function timelineGaps(track: Track): Gap[] {
  return track.gaps.map((g) => ({ start_s: g.start_s + track.offset_s, end_s: g.end_s + track.offset_s }));
}

/** Seconds from the timeline's zero to an ISO time. */
export function secondsSince(timelineStart: string, iso: string): number {
  return (Date.parse(iso) - Date.parse(timelineStart)) / 1000;
}

/** The ISO time of timeline second `t` (to the millisecond). */
export function timelineToIso(timelineStart: string, t: number): string {
  return new Date(Date.parse(timelineStart) + Math.round(t * 1000)).toISOString();
}

/** Whether a video must be re-synced: it is more than `tolerance` seconds off. */
export function drifted(actual: number, expected: number, tolerance = 0.3): boolean {
  return Math.abs(actual - expected) > tolerance;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** "04:05", "1:02:03"; a time before the timeline's zero reads "−00:05". */
export function formatTimecode(seconds: number): string {
  if (!Number.isFinite(seconds)) return '00:00';
  const sign = seconds < 0 ? '−' : '';
  const s = Math.floor(Math.abs(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${rest}` : `${sign}${String(m).padStart(2, '0')}:${rest}`;
}

/** "mm:ss" or "h:mm:ss" (or plain seconds) back to seconds; null when it does not parse. */
export function parseTimecode(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+(:\d{1,2}){0,2}(\.\d+)?$/.test(trimmed)) return null;
  const parts = trimmed.split(':').map(Number);
  if (parts.slice(1).some((p) => p >= 60)) return null;
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

export interface MarkerFlag {
  id: string;
  label: string;
  severity: string;
  started_at: string;
}

export interface Marker {
  id: string;
  label: string;
  severity: string;
  /** Seconds on the review timeline. */
  at: number;
  /** Percent of the timeline's width, 0–100. */
  left: number;
}

/** Flag markers on a timeline of `length` seconds, clamped to its ends, in time order. */
export function markers(flags: MarkerFlag[], timelineStart: string, length: number): Marker[] {
  return flags
    .map((f) => {
      const at = secondsSince(timelineStart, f.started_at);
      const left = length > 0 ? clamp((at / length) * 100, 0, 100) : 0;
      return { id: f.id, label: f.label, severity: f.severity, at, left };
    })
    .filter((m) => Number.isFinite(m.at))
    .sort((a, b) => a.at - b.at);
}

/** A stretch as percentages of the timeline ({left, width}), for drawing. */
export function span(start: number, end: number, length: number): { left: number; width: number } {
  if (length <= 0) return { left: 0, width: 0 };
  const left = clamp((start / length) * 100, 0, 100);
  const right = clamp((end / length) * 100, 0, 100);
  return { left, width: Math.max(0, right - left) };
}
