/**
 * The proctoring runtime during the exam: browser listeners and timers that turn what
 * happens into events (with a webcam snapshot for every warning), periodic webcam and
 * screen snapshots, and the noise watch with its audio clip. Nothing here renders: the page
 * hears about warnings and device states through callbacks.
 *
 * Cost: listeners only react to events; timers are the snapshot intervals, a 2 s window
 * check and the 4 Hz level meter (which reads 2048 samples and does nothing else).
 */
import type { ProctorEventIn, ProctoringSetup } from '../../api/types';
import { NoiseWatch, noiseThreshold } from './calibration';
import type { MediaKit } from './media';
import type { ProctorSender } from './queue';
import {
  AwayState,
  classifyKey,
  Condition,
  devtoolsLikelyOpen,
  isEnabled,
  newClientId,
  toEvent,
  wantsSnapshot,
  type BrowserFlag,
  type Signal,
} from './signals';

export const LEVEL_HZ = 4;
export const CLIP_MS = 5000;
/** Warnings within this time share one snapshot (a burst of right-clicks is one picture). */
export const SNAPSHOT_REUSE_MS = 2000;
/** Do not add timed snapshots while this many uploads wait (offline for a long time). */
export const MAX_QUEUED_MEDIA = 300;

export interface MonitorHooks {
  /** A warning for the student (a start or an instant signal of an enabled type). */
  onWarning?: (signal: Signal, at: number) => void;
  onFullscreen?: (inFullscreen: boolean) => void;
  onDevice?: (device: 'camera' | 'microphone' | 'screen', ok: boolean) => void;
}

export interface MonitorOptions {
  setup: ProctoringSetup;
  kit: MediaKit;
  sender: ProctorSender;
  attemptId: string;
  /** Server clock minus this device's (ms), so event times are the server's. */
  clockOffsetMs: number;
  noiseFloorDb: number | null;
  hooks?: MonitorHooks;
}

export function fullscreenSupported(): boolean {
  return typeof document !== 'undefined' && !!document.fullscreenEnabled && !!document.documentElement.requestFullscreen;
}

export function inFullscreen(): boolean {
  return typeof document !== 'undefined' && !!document.fullscreenElement;
}

export class ProctorMonitor {
  private readonly setup: ProctoringSetup;
  private readonly kit: MediaKit;
  private readonly sender: ProctorSender;
  private readonly hooks: MonitorHooks;
  private readonly away = new AwayState();
  private readonly fullscreen = new Condition('fullscreen_exit');
  private readonly devtools = new Condition('devtools_open');
  private readonly monitors = new Condition('multiple_monitors');
  private readonly connection = new Condition('connection_lost');
  private readonly cameraLost = new Condition('camera_lost');
  private readonly roomLost = new Condition('room_camera_lost');
  private readonly micLost = new Condition('microphone_lost');
  private readonly screenStopped = new Condition('screen_share_stopped');
  private noise: NoiseWatch;
  private readonly cleanups: (() => void)[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private lastSnapshot: { id: string; at: number } | null = null;
  private sendReachable = true;
  private printDownAt = 0;
  private clipping = false;
  private running = false;

  constructor(private readonly o: MonitorOptions) {
    this.setup = o.setup;
    this.kit = o.kit;
    this.sender = o.sender;
    this.hooks = o.hooks ?? {};
    this.noise = new NoiseWatch(noiseThreshold(o.noiseFloorDb));
  }

  private on(target: EventTarget, type: string, fn: (e: Event) => void, capture = false) {
    target.addEventListener(type, fn, capture);
    this.cleanups.push(() => target.removeEventListener(type, fn, capture));
  }

  private every(ms: number, fn: () => void) {
    const id = setInterval(fn, ms);
    this.cleanups.push(() => clearInterval(id));
  }

  private enabled(type: BrowserFlag): boolean {
    return isEnabled(type, this.setup.enabled_flags);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const doc = document;

    // Leaving the page: the tab hidden, or the window losing focus (one condition).
    this.away.hidden = doc.visibilityState === 'hidden';
    this.on(doc, 'visibilitychange', () => this.signal(this.away.update({ hidden: doc.visibilityState === 'hidden' })));
    this.on(window, 'blur', () => this.signal(this.away.update({ focused: false })));
    this.on(window, 'focus', () => this.signal(this.away.update({ focused: true })));

    // Full screen.
    if (fullscreenSupported()) {
      const check = () => {
        const fs = inFullscreen();
        this.hooks.onFullscreen?.(fs);
        this.signal(this.fullscreen.set(!fs));
      };
      this.on(doc, 'fullscreenchange', check);
      check();
    }

    // Copy, cut, paste, right-click: blocked and reported.
    for (const action of ['copy', 'cut', 'paste'] as const) {
      this.on(
        doc,
        action,
        (e) => {
          if (!this.enabled('copy_paste')) return;
          e.preventDefault();
          this.signal({ type: 'copy_paste', phase: 'instant', details: { action } });
        },
        true,
      );
    }
    this.on(
      doc,
      'contextmenu',
      (e) => {
        if (!this.enabled('right_click')) return;
        e.preventDefault();
        this.signal({ type: 'right_click', phase: 'instant' });
      },
      true,
    );

    // Shortcuts. PrintScreen often reaches the page only as keyup.
    this.on(
      window,
      'keydown',
      (e) => {
        const ke = e as KeyboardEvent;
        const verdict = classifyKey(ke);
        if (!verdict) return;
        const signals = verdict.signals.filter((s) => this.enabled(s.type));
        if (signals.length === 0) return;
        if (verdict.block) ke.preventDefault();
        if (ke.key === 'PrintScreen') this.printDownAt = Date.now();
        if (ke.repeat) return;
        signals.forEach((s) => this.signal(s));
      },
      true,
    );
    this.on(
      window,
      'keyup',
      (e) => {
        const ke = e as KeyboardEvent;
        if (ke.key !== 'PrintScreen' || Date.now() - this.printDownAt < 1500) return;
        classifyKey(ke)
          ?.signals.filter((s) => this.enabled(s.type))
          .forEach((s) => this.signal(s));
      },
      true,
    );

    // Developer tools (docked), on desktops only.
    const fine = typeof matchMedia === 'function' && matchMedia('(pointer: fine)').matches;
    if (fine) {
      const check = () => {
        if (doc.visibilityState === 'hidden') return;
        this.signal(this.devtools.set(devtoolsLikelyOpen(window)));
      };
      this.on(window, 'resize', check);
      this.every(2000, check);
    }

    // A second screen (Window Management API, Chromium only).
    const scr = window.screen as Screen & { isExtended?: boolean };
    if (typeof scr.isExtended === 'boolean') {
      const check = () => this.signal(this.monitors.set(!!scr.isExtended));
      check();
      this.on(scr as unknown as EventTarget, 'change', check);
      this.every(5000, check);
    }

    // The connection: the browser's own state, and whether our requests get through.
    const net = () => this.signal(this.connection.set(!navigator.onLine || !this.sendReachable, { online: navigator.onLine }));
    this.on(window, 'offline', net);
    this.on(window, 'online', () => {
      net();
      this.sender.retryNow();
    });
    if (!navigator.onLine) net();

    // Devices.
    this.watchDevices();

    // Timed snapshots.
    if (this.setup.camera && this.setup.snapshot_interval_s > 0) {
      this.every(this.setup.snapshot_interval_s * 1000, () => void this.timedSnapshot('webcam'));
      void this.timedSnapshot('webcam');
    }
    if (this.setup.screen && this.setup.screen_interval_s > 0) {
      this.every(this.setup.screen_interval_s * 1000, () => void this.timedSnapshot('screen'));
      void this.timedSnapshot('screen');
    }

    // The level meter.
    if (this.setup.microphone && this.enabled('noise_level')) {
      this.every(1000 / LEVEL_HZ, () => this.sampleLevel());
    }
  }

  stop(): void {
    this.running = false;
    while (this.cleanups.length) this.cleanups.pop()?.();
  }

  /** The room camera (a paired phone) is sending pictures, or has stopped. */
  setRoomCamera(sending: boolean): void {
    if (!this.running) return;
    this.signal(this.roomLost.set(!sending, { camera: 'room' }));
  }

  /** The sender could (not) reach the server. */
  setReachable(reachable: boolean): void {
    this.sendReachable = reachable;
    if (!this.running) return;
    this.signal(this.connection.set(!navigator.onLine || !reachable, { online: navigator.onLine }));
  }

  /** Listen to the current camera, microphone and screen tracks (again after a reconnect);
   * a device back after a loss ends its condition. */
  watchDevices(): void {
    const watch = (
      track: MediaStreamTrack | null,
      cond: Condition,
      device: 'camera' | 'microphone' | 'screen',
      endedOnly = false,
    ) => {
      if (!track) return;
      const lost = (reason: string) => {
        this.hooks.onDevice?.(device, false);
        this.signal(cond.set(true, { reason }));
      };
      const onEnded = () => lost('ended');
      const onMute = () => lost('muted');
      const onUnmute = () => {
        this.hooks.onDevice?.(device, true);
        this.signal(cond.set(false));
      };
      track.addEventListener('ended', onEnded);
      if (!endedOnly) {
        track.addEventListener('mute', onMute);
        track.addEventListener('unmute', onUnmute);
      }
      this.cleanups.push(() => {
        track.removeEventListener('ended', onEnded);
        track.removeEventListener('mute', onMute);
        track.removeEventListener('unmute', onUnmute);
      });
      if (track.readyState === 'live' && !track.muted) {
        this.hooks.onDevice?.(device, true);
        this.signal(cond.set(false));
      } else lost(track.readyState === 'ended' ? 'ended' : 'muted');
    };
    if (this.setup.camera) watch(this.kit.videoTrack, this.cameraLost, 'camera');
    if (this.setup.microphone) watch(this.kit.audioTrack, this.micLost, 'microphone');
    if (this.setup.screen) watch(this.kit.screenTrack, this.screenStopped, 'screen', true);
    if (this.setup.camera && !this.kit.videoTrack) this.signal(this.cameraLost.set(true, { reason: 'missing' }));
    if (this.setup.screen && !this.kit.screenTrack) this.signal(this.screenStopped.set(true, { reason: 'missing' }));
  }

  private sampleLevel(): void {
    const db = this.kit.level();
    if (db === null) return;
    const change = this.noise.feed(db, Date.now());
    if (change === 'start') {
      const clipId = this.clipping ? null : newClientId('clip');
      this.signal({
        type: 'noise_level',
        phase: 'start',
        details: { level_db: Math.round(db), threshold_db: Math.round(this.noise.threshold), ...(clipId ? { clip_id: clipId } : {}) },
      });
      if (clipId) void this.recordClip(clipId);
    } else if (change === 'end') {
      this.signal({ type: 'noise_level', phase: 'end', details: { level_db: Math.round(db) } });
    }
  }

  private async recordClip(clientId: string): Promise<void> {
    this.clipping = true;
    const takenAt = this.now();
    try {
      const blob = await this.kit.clip(CLIP_MS);
      if (!blob) return;
      await this.sender.addMedia({
        attempt_id: this.o.attemptId,
        client_id: clientId,
        kind: 'audio',
        taken_at: takenAt.toISOString(),
        content_type: blob.type.split(';')[0] || 'audio/webm',
        data: await blob.arrayBuffer(),
        periodic: false,
        queued_at: Date.now(),
      });
    } finally {
      this.clipping = false;
    }
  }

  private now(): Date {
    return new Date(Date.now() + this.o.clockOffsetMs);
  }

  /** Report a signal: warn at once, then (in order) take its snapshot and queue it. */
  signal(signal: Signal | null): void {
    if (!signal || !this.enabled(signal.type)) return;
    const at = this.now();
    if (signal.phase !== 'end') this.hooks.onWarning?.(signal, Date.now());
    // One chain, so a start is always queued before its end.
    this.chain = this.chain
      .then(async () => {
        let snapshotId: string | null = null;
        if (wantsSnapshot(signal) && this.setup.camera) snapshotId = await this.flagSnapshot();
        const event: ProctorEventIn = toEvent(signal, at, newClientId('ev'), snapshotId);
        await this.sender.addEvents([event]);
      })
      .catch(() => undefined);
  }

  private async flagSnapshot(): Promise<string | null> {
    const last = this.lastSnapshot;
    if (last && Date.now() - last.at < SNAPSHOT_REUSE_MS) return last.id;
    const id = await this.takeSnapshot('webcam', false);
    if (id) this.lastSnapshot = { id, at: Date.now() };
    return id;
  }

  private async timedSnapshot(kind: 'webcam' | 'screen'): Promise<void> {
    try {
      const queued = await this.sender.queuedMedia();
      if (queued >= MAX_QUEUED_MEDIA) return;
      await this.takeSnapshot(kind, true);
    } catch {
      // a missed timed snapshot is not worth a warning
    }
  }

  /** Take a JPEG and queue it; resolves with its client id (null: no picture now). */
  private async takeSnapshot(kind: 'webcam' | 'screen', periodic: boolean): Promise<string | null> {
    const takenAt = this.now();
    const timeout = new Promise<null>((r) => setTimeout(() => r(null), 1500));
    const blob = await Promise.race([this.kit.snapshot(kind === 'webcam' ? 'camera' : 'screen'), timeout]);
    if (!blob) return null;
    const id = newClientId(kind === 'webcam' ? 'cam' : 'scr');
    await this.sender.addMedia({
      attempt_id: this.o.attemptId,
      client_id: id,
      kind,
      taken_at: takenAt.toISOString(),
      content_type: 'image/jpeg',
      data: await blob.arrayBuffer(),
      periodic,
      queued_at: Date.now(),
    });
    return id;
  }
}
