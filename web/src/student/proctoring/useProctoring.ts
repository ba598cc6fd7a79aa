/**
 * Proctoring on the exam page: loads what this exam watches, keeps the devices (MediaKit),
 * the sender and, once the student has passed the setup, the monitor and the recordings
 * (where the exam asks for them). Warnings go to a
 * toast and to the warning log; device and full-screen states go to the page's banners.
 * No React state changes per sample: only warnings and device changes render.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { ApiError, errorMessage } from '../../api/client';
import type { ProctoringSetup } from '../../api/types';
import { studentApi } from '../api';
import { examStore } from '../db';
import { DEFAULT_FLOOR_DB } from './calibration';
import { MediaKit } from './media';
import { fullscreenSupported, inFullscreen, ProctorMonitor } from './monitor';
import { ProctorSender } from './queue';
import { RecordingController, recordingWanted } from './recorder';
import { addWarning, isEnabled, type Signal, type Warning } from './signals';

export type ProctorStage =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'setup' }
  | { kind: 'running' };

const CAL_KEY = (attemptId: string) => `procta-cal:${attemptId}`;
const SETUP_KEY = (attemptId: string) => `procta-setup:${attemptId}`;

/** The last setup from the server, so a reload while offline still opens the exam. */
function cachedSetup(attemptId: string): ProctoringSetup | null {
  try {
    const v = localStorage.getItem(SETUP_KEY(attemptId));
    return v ? (JSON.parse(v) as ProctoringSetup) : null;
  } catch {
    return null;
  }
}

function cacheSetup(attemptId: string, setup: ProctoringSetup): void {
  try {
    localStorage.setItem(SETUP_KEY(attemptId), JSON.stringify(setup));
  } catch {
    // private mode: a reload needs the server
  }
}

/** The calibrated noise floor, kept on this device for a reload during the exam. */
export function storedNoiseFloor(attemptId: string): number | null {
  try {
    const v = localStorage.getItem(CAL_KEY(attemptId));
    return v === null ? null : Number(v);
  } catch {
    return null;
  }
}

export function storeNoiseFloor(attemptId: string, floor: number | null | undefined): void {
  try {
    localStorage.setItem(CAL_KEY(attemptId), String(floor ?? DEFAULT_FLOOR_DB));
  } catch {
    // private mode: the default floor is used after a reload
  }
}

export interface DeviceStates {
  camera: boolean;
  microphone: boolean;
  screen: boolean;
}

export function useProctoring(opts: {
  attemptId: string;
  token: string;
  clockOffsetMs: number;
  active: boolean;
  /** The submission is under way: the recordings stop (and start again if it does not
   * go through). */
  submitting?: boolean;
}) {
  const { attemptId, token, clockOffsetMs, active, submitting = false } = opts;
  const [stage, setStage] = useState<ProctorStage>({ kind: 'loading' });
  const [setup, setSetup] = useState<ProctoringSetup | null>(null);
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const [fullscreen, setFullscreen] = useState(true);
  const [devices, setDevices] = useState<DeviceStates>({ camera: true, microphone: true, screen: true });
  const [reload, setReload] = useState(0);
  const kitRef = useRef<MediaKit | null>(null);
  const senderRef = useRef<ProctorSender | null>(null);
  const monitorRef = useRef<ProctorMonitor | null>(null);
  const recordingRef = useRef<RecordingController | null>(null);
  const warningsRef = useRef<Warning[]>([]);
  const offsetRef = useRef(clockOffsetMs);
  offsetRef.current = clockOffsetMs;

  if (!kitRef.current && typeof document !== 'undefined') kitRef.current = new MediaKit();

  // The setup from the server, and the sender (which first sends what a previous page left).
  useEffect(() => {
    if (!active || !attemptId || !token) return;
    let cancelled = false;
    let sender: ProctorSender | null = null;
    setStage({ kind: 'loading' });
    (async () => {
      const store = await examStore();
      if (cancelled) return;
      sender = new ProctorSender(
        store,
        attemptId,
        {
          sendEvents: (events) => studentApi.events(attemptId, token, events),
          uploadMedia: (m) => studentApi.snapshot(attemptId, token, m),
          uploadChunk: (c) => studentApi.recordingChunk(attemptId, token, c),
        },
        {
          onReachable: (ok) => monitorRef.current?.setReachable(ok),
          onStopped: () => void recordingRef.current?.close(),
          onRecordingRefused: (kind) => recordingRef.current?.refuse(kind),
          onPartBroken: (kind, part) => recordingRef.current?.restart(kind, part),
        },
      );
      senderRef.current = sender;
      sender.start();
      let s: ProctoringSetup;
      try {
        s = await studentApi.proctoring(attemptId, token);
        cacheSetup(attemptId, s);
      } catch (err) {
        const cached = err instanceof ApiError && (err.status === 0 || err.status >= 500) ? cachedSetup(attemptId) : null;
        if (!cached) throw err;
        s = cached;
      }
      if (cancelled) return;
      setSetup(s);
      setStage({ kind: 'setup' });
    })().catch((err) => {
      if (cancelled) return;
      const message =
        err instanceof ApiError && err.status === 0
          ? 'Could not reach the server to prepare proctoring. Check your connection.'
          : errorMessage(err);
      setStage({ kind: 'error', message });
    });
    return () => {
      cancelled = true;
      sender?.stop();
      if (senderRef.current === sender) senderRef.current = null;
    };
  }, [active, attemptId, token, reload]);

  // Everything stops when the page goes (or the exam ends).
  useEffect(() => {
    const kit = kitRef.current;
    return () => {
      // The page goes, the exam may not be over: the last chunk is kept for the next page.
      void recordingRef.current?.close(false);
      recordingRef.current = null;
      monitorRef.current?.stop();
      monitorRef.current = null;
      kit?.close();
    };
  }, []);

  useEffect(() => {
    if (!active && monitorRef.current) {
      void recordingRef.current?.close(true); // the attempt is over: the server takes no more
      recordingRef.current = null;
      monitorRef.current.stop();
      monitorRef.current = null;
      kitRef.current?.close();
    }
  }, [active]);

  // Submitting: the recordings stop (their last chunks are queued before the submission);
  // back to work (cancelled, failed): new parts start.
  useEffect(() => {
    const recording = recordingRef.current;
    if (!recording) return;
    if (submitting) void recording.hold();
    else recording.resume();
  }, [submitting]);

  const onWarning = useCallback((signal: Signal, at: number) => {
    const { log, merged } = addWarning(warningsRef.current, signal, at);
    warningsRef.current = log;
    setWarnings(log);
    if (!merged) {
      const entry = log[0];
      notifications.show({
        id: entry.id,
        title: entry.title,
        message: entry.text,
        color: 'orange',
        autoClose: 6000,
        // Not over the question: at the bottom, out of the way of the exam header.
        position:
          typeof matchMedia === 'function' && matchMedia('(max-width: 48em)').matches ? 'bottom-center' : 'bottom-right',
      });
    }
  }, []);

  /** A setup step was done: remembered for a reload while offline. */
  const markDone = useCallback(
    (change: Partial<ProctoringSetup>) => {
      setSetup((prev) => {
        if (!prev) return prev;
        const next = { ...prev, ...change };
        cacheSetup(attemptId, next);
        return next;
      });
    },
    [attemptId],
  );

  /** The setup is done: start watching (call from the student's click, for full screen). */
  const begin = useCallback(
    (noiseFloorDb: number | null) => {
      const kit = kitRef.current;
      const sender = senderRef.current;
      if (!setup || !kit || !sender || monitorRef.current) return;
      const monitor = new ProctorMonitor({
        setup,
        kit,
        sender,
        attemptId,
        clockOffsetMs: offsetRef.current,
        noiseFloorDb,
        hooks: {
          onWarning,
          onFullscreen: setFullscreen,
          onDevice: (device, ok) => setDevices((d) => (d[device] === ok ? d : { ...d, [device]: ok })),
        },
      });
      monitorRef.current = monitor;
      monitor.setReachable(sender.reachable);
      monitor.start();
      const kinds = recordingWanted(setup);
      if ((kinds.webcam || kinds.screen) && !recordingRef.current) {
        const recording = new RecordingController({
          attemptId,
          kinds,
          sources: kit,
          store: (chunk) => sender.addChunk(chunk),
          now: () => new Date(Date.now() + offsetRef.current),
        });
        recordingRef.current = recording;
        recording.start();
        if (recording.unavailable.length > 0) {
          notifications.show({
            title: 'Recording not available',
            message: 'This browser cannot record the exam. Use a recent Chrome, Edge or Firefox.',
            color: 'orange',
          });
        }
      }
      setFullscreen(!fullscreenSupported() || inFullscreen());
      setStage({ kind: 'running' });
    },
    [setup, attemptId, onWarning],
  );

  const returnToFullscreen = useCallback(() => {
    if (fullscreenSupported()) void document.documentElement.requestFullscreen().catch(() => undefined);
  }, []);

  /** Share the screen again after it stopped. */
  const reshareScreen = useCallback(async () => {
    const kit = kitRef.current;
    if (!kit) return;
    try {
      await kit.openScreen();
      monitorRef.current?.watchDevices();
      recordingRef.current?.ensure(); // a new part
      setDevices((d) => ({ ...d, screen: true }));
    } catch (err) {
      notifications.show({ title: 'Screen not shared', message: errorMessage(err), color: 'red' });
    }
  }, []);

  /** Start the camera and microphone again after they stopped. */
  const reconnectCamera = useCallback(async () => {
    const kit = kitRef.current;
    if (!kit) return;
    try {
      await kit.openCamera();
      await kit.startAudio();
      monitorRef.current?.watchDevices();
      recordingRef.current?.ensure(); // a new part
      setDevices((d) => ({ ...d, camera: true, microphone: true }));
    } catch (err) {
      notifications.show({ title: 'Camera not available', message: errorMessage(err), color: 'red' });
    }
  }, []);

  const setRoomCamera = useCallback((sending: boolean) => monitorRef.current?.setRoomCamera(sending), []);

  /** Send what is queued (before submitting), with the recordings' last chunks; gives up
   * after `timeoutMs` (plus at most FINAL_CHUNK_WAIT_MS for the recorders). */
  const flush = useCallback(async (timeoutMs = 5000) => {
    await recordingRef.current?.hold();
    const sender = senderRef.current;
    if (!sender) return;
    await Promise.race([sender.flush(), new Promise((r) => setTimeout(r, timeoutMs))]);
  }, []);

  const needsFullscreenPrompt =
    stage.kind === 'running' && !fullscreen && !!setup && isEnabled('fullscreen_exit', setup.enabled_flags);

  return {
    stage,
    setup,
    markDone,
    kit: kitRef.current,
    warnings,
    fullscreen,
    needsFullscreenPrompt,
    devices,
    begin,
    returnToFullscreen,
    reshareScreen,
    reconnectCamera,
    setRoomCamera,
    flush,
    retry: () => setReload((n) => n + 1),
  };
}

export type ProctoringState = ReturnType<typeof useProctoring>;
