/**
 * One clock for several videos on the review timeline: play, pause, seek and speed act on
 * all of them, and a periodic `tick` keeps each within 0.3 s of the clock.
 *
 * While playing, the clock follows a video that is showing something (the webcam first),
 * so buffering holds the clock instead of leaving that video behind; where no video has
 * anything (before a late start, inside a gap, after a short one ends) it runs on the
 * wall clock. A video with nothing at the clock's time is paused and reported as `out`.
 *
 * Kept apart from React and the DOM (videos are `MediaLike`), so it is unit-tested.
 */
import { clamp, drifted, inGap, timelineToVideo, videoToTimeline, type Track } from './sync';

export interface MediaLike {
  currentTime: number;
  readonly paused: boolean;
  readonly ended: boolean;
  readonly readyState: number;
  readonly error?: unknown;
  playbackRate: number;
  play(): Promise<void> | void;
  pause(): void;
}

/** What one video shows at the clock's time. */
export type TrackState = 'video' | 'gap' | 'out';

interface Entry {
  el: MediaLike;
  track: Track;
}

/** Marks of what the clock itself did to a video, so its events are not read as the user's. */
interface Marks {
  seek?: number;
  play?: boolean;
  pause?: boolean;
}

const HAVE_CURRENT_DATA = 2;
/** A video about to reach a gap may stall there: treat the last moments before it as the gap. */
const GAP_LEAD_S = 0.25;
const DRIFT_EVERY_MS = 500;

export class SyncClock {
  private t = 0;
  private wallAt: number;
  private lastDrift = -Infinity;
  private entries = new Map<string, Entry>();
  private marks = new Map<MediaLike, Marks>();
  playing = false;
  rate = 1;

  constructor(
    public length: number,
    private now: () => number = () => performance.now(),
    private onChange: () => void = () => {},
  ) {
    this.wallAt = now();
  }

  attach(kind: string, el: MediaLike, track: Track) {
    this.entries.set(kind, { el, track });
    el.playbackRate = this.rate;
    this.syncOne({ el, track }, true);
  }

  detach(kind: string) {
    const entry = this.entries.get(kind);
    if (entry) this.marks.delete(entry.el);
    this.entries.delete(kind);
  }

  /** The clock's time in seconds on the review timeline. */
  time(): number {
    return this.t;
  }

  /** What the video of `kind` shows now. */
  state(kind: string): TrackState {
    const entry = this.entries.get(kind);
    if (!entry) return 'out';
    const v = timelineToVideo(entry.track, this.t);
    if (v === null) return 'out';
    return inGap(entry.track, v) ? 'gap' : 'video';
  }

  play() {
    if (this.playing) return;
    if (this.t >= this.length - 0.05) this.t = 0;
    this.playing = true;
    this.wallAt = this.now();
    this.syncAll(true);
    this.onChange();
  }

  pause() {
    if (!this.playing) {
      this.syncAll(true);
      return;
    }
    this.advance();
    this.playing = false;
    this.syncAll(true);
    this.onChange();
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Move every video to timeline second `t`. */
  seek(t: number) {
    this.t = clamp(t, 0, this.length);
    this.wallAt = this.now();
    this.syncAll(true);
    this.onChange();
  }

  setRate(rate: number) {
    this.rate = rate;
    this.advance();
    for (const { el } of this.entries.values()) el.playbackRate = rate;
    this.onChange();
  }

  /** Advance the clock and, every 500 ms, put any video that drifted back in step. */
  tick() {
    if (!this.playing) return;
    this.advance();
    if (this.t >= this.length) {
      this.t = this.length;
      this.playing = false;
      this.syncAll(true);
    } else if (this.now() - this.lastDrift >= DRIFT_EVERY_MS) {
      this.syncAll(false);
    }
    this.onChange();
  }

  /** A video of `kind` started seeking: if the clock did not ask for it, the others follow. */
  onSeeking(kind: string) {
    const entry = this.entries.get(kind);
    if (!entry) return;
    const marks = this.marks.get(entry.el);
    if (marks?.seek !== undefined && Math.abs(entry.el.currentTime - marks.seek) < 0.05) {
      marks.seek = undefined;
      return;
    }
    this.seek(videoToTimeline(entry.track, entry.el.currentTime));
  }

  /** A video of `kind` started playing: if the clock did not start it, play them all. */
  onPlay(kind: string) {
    const entry = this.entries.get(kind);
    if (!entry) return;
    const marks = this.marks.get(entry.el);
    if (marks?.play) {
      marks.play = false;
      return;
    }
    if (!this.playing) {
      this.t = videoToTimeline(entry.track, entry.el.currentTime);
      this.play();
    }
  }

  /** A video of `kind` paused: if the clock did not pause it (nor did it end), pause them all. */
  onPause(kind: string) {
    const entry = this.entries.get(kind);
    if (!entry) return;
    const marks = this.marks.get(entry.el);
    if (marks?.pause) {
      marks.pause = false;
      return;
    }
    if (entry.el.ended || !this.playing) return;
    this.pause();
  }

  private mark(el: MediaLike): Marks {
    let marks = this.marks.get(el);
    if (!marks) {
      marks = {};
      this.marks.set(el, marks);
    }
    return marks;
  }

  /** The video the clock follows: one showing video now, playing, with data. */
  private master(): Entry | null {
    for (const entry of this.entries.values()) {
      const { el, track } = entry;
      const v = timelineToVideo(track, this.t);
      if (v === null || inGap(track, v, GAP_LEAD_S)) continue;
      if (el.paused || el.ended || el.error || el.readyState < HAVE_CURRENT_DATA) continue;
      const at = videoToTimeline(track, el.currentTime);
      // A video that is far off (just seeked, not yet caught up) cannot lead.
      if (drifted(at, this.t, 1.5)) continue;
      return entry;
    }
    return null;
  }

  private advance() {
    const now = this.now();
    if (this.playing) {
      const master = this.master();
      const next = master
        ? videoToTimeline(master.track, master.el.currentTime)
        : this.t + ((now - this.wallAt) / 1000) * this.rate;
      // The clock never runs backwards while playing (a video may report a frame early).
      this.t = clamp(Math.max(this.t, next), 0, this.length);
    }
    this.wallAt = now;
  }

  private syncAll(force: boolean) {
    this.lastDrift = this.now();
    for (const entry of this.entries.values()) this.syncOne(entry, force);
  }

  private setTime(el: MediaLike, v: number) {
    this.mark(el).seek = v;
    el.currentTime = v;
  }

  private pauseEl(el: MediaLike) {
    if (el.paused) return;
    this.mark(el).pause = true;
    el.pause();
  }

  private syncOne({ el, track }: Entry, force: boolean) {
    const v = timelineToVideo(track, this.t);
    if (v === null) {
      this.pauseEl(el);
      return;
    }
    const gap = inGap(track, v);
    if (gap) {
      // Nothing was recorded here: wait, paused, on the first frame after the gap.
      const target = Math.min(gap.end_s, track.duration_s);
      if (Math.abs(el.currentTime - target) > 0.01) this.setTime(el, target);
      this.pauseEl(el);
      return;
    }
    if (force ? Math.abs(el.currentTime - v) > 0.01 : drifted(el.currentTime, v)) this.setTime(el, v);
    if (!this.playing) {
      this.pauseEl(el);
      return;
    }
    // An ended video would restart from 0 on play(): it stays ended unless it was moved back.
    if (el.paused && !el.ended && !el.error) {
      this.mark(el).play = true;
      const started = el.play();
      if (started && typeof started.catch === 'function') {
        started.catch(() => {
          // Blocked or broken: the clock carries on and the next tick tries again.
          const marks = this.marks.get(el);
          if (marks) marks.play = false;
        });
      }
    }
  }
}
