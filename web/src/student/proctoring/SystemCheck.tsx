import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Group, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconX } from '@tabler/icons-react';
import { errorMessage } from '../../api/client';
import { studentApi } from '../api';
import { clipType, DeviceError, type MediaKit } from './media';

export type CheckState = 'pending' | 'running' | 'ok' | 'warn' | 'fail';

export interface CheckRow {
  id: 'browser' | 'camera' | 'microphone' | 'screen' | 'upload';
  label: string;
  state: CheckState;
  message: string;
}

/** Upload speed needed for snapshots and clips, with margin (the client sends < 150). */
export const MIN_UPLOAD_KBPS = 300;
const PROBE_BYTES = 96 * 1024;

/** What the browser lacks for a proctored exam (fatal) and what it only degrades (warn). */
export function browserSupport(env: {
  secure: boolean;
  getUserMedia: boolean;
  indexedDB: boolean;
  fullscreen: boolean;
  recorder: boolean;
  displayMedia: boolean;
  screenRequired: boolean;
}): { state: CheckState; message: string } {
  const missing: string[] = [];
  if (!env.secure) missing.push('a secure (https) page');
  if (!env.getUserMedia) missing.push('camera access');
  if (!env.indexedDB) missing.push('storage on this device');
  if (env.screenRequired && !env.displayMedia) missing.push('screen sharing');
  if (missing.length) {
    return {
      state: 'fail',
      message: `This browser lacks ${missing.join(', ')}. Use a recent Chrome, Edge or Firefox on a computer.`,
    };
  }
  const weak: string[] = [];
  if (!env.fullscreen) weak.push('full screen');
  if (!env.recorder) weak.push('audio clips');
  if (weak.length) return { state: 'warn', message: `Works, without ${weak.join(' and ')} on this browser.` };
  return { state: 'ok', message: 'Supported.' };
}

/** kbps from bytes sent in ms. */
export function kbps(bytes: number, ms: number): number {
  return Math.round((bytes * 8) / Math.max(1, ms));
}

function StateIcon({ state }: { state: CheckState }) {
  if (state === 'running' || state === 'pending') return <Loader size={18} aria-hidden />;
  const map = {
    ok: { color: 'teal', icon: <IconCheck size={14} stroke={2.5} /> },
    warn: { color: 'yellow', icon: <IconAlertTriangle size={14} stroke={2.5} /> },
    fail: { color: 'red', icon: <IconX size={14} stroke={2.5} /> },
  } as const;
  const m = map[state];
  return (
    <ThemeIcon color={m.color} size={22} radius="xl" variant="light" aria-hidden>
      {m.icon}
    </ThemeIcon>
  );
}

const STATE_WORD: Record<CheckState, string> = {
  pending: 'waiting',
  running: 'checking',
  ok: 'passed',
  warn: 'passed with a warning',
  fail: 'failed',
};

interface Props {
  kit: MediaKit;
  attemptId: string;
  token: string;
  screenRequired: boolean;
  /** Measure the upload speed (not on a resume, which may be offline). */
  checkUpload?: boolean;
  onDone: () => void;
}

/** Step 1: browser, camera, microphone, screen (where the exam records it), upload speed;
 * each failure says why, with a Retry. */
export function SystemCheck({ kit, attemptId, token, screenRequired, checkUpload: measureUpload = true, onDone }: Props) {
  const [rows, setRows] = useState<CheckRow[]>(() => [
    { id: 'browser', label: 'Browser', state: 'pending', message: '' },
    { id: 'camera', label: 'Camera', state: 'pending', message: '' },
    { id: 'microphone', label: 'Microphone', state: 'pending', message: '' },
    ...(screenRequired
      ? [{ id: 'screen' as const, label: 'Screen sharing', state: 'pending' as const, message: 'Share your entire screen.' }]
      : []),
    ...(measureUpload ? [{ id: 'upload' as const, label: 'Upload speed', state: 'pending' as const, message: '' }] : []),
  ]);
  const set = useCallback((id: CheckRow['id'], state: CheckState, message: string) => {
    setRows((prev) => prev.map((r) => (r.id === id ? { ...r, state, message } : r)));
  }, []);

  const checkBrowser = useCallback(() => {
    const result = browserSupport({
      secure: window.isSecureContext,
      getUserMedia: !!navigator.mediaDevices?.getUserMedia,
      indexedDB: typeof indexedDB !== 'undefined',
      fullscreen: !!document.fullscreenEnabled,
      recorder: clipType() !== null,
      displayMedia: !!navigator.mediaDevices?.getDisplayMedia,
      screenRequired,
    });
    set('browser', result.state, result.message);
    return result.state !== 'fail';
  }, [screenRequired, set]);

  const checkDevices = useCallback(async () => {
    set('camera', 'running', 'Starting your camera…');
    set('microphone', 'running', 'Starting your microphone…');
    try {
      if (!kit.cameraLive) await kit.openCamera();
    } catch (err) {
      const isMic = err instanceof DeviceError && err.device === 'microphone';
      set('camera', isMic ? 'ok' : 'fail', isMic ? 'Working.' : errorMessage(err));
      set('microphone', isMic ? 'fail' : 'pending', isMic ? errorMessage(err) : 'Needs the camera first.');
      return;
    }
    set('camera', kit.cameraLive ? 'ok' : 'fail', kit.cameraLive ? 'Working.' : 'Your camera gives no picture. Check it is not covered, then retry.');
    const mic = kit.audioTrack;
    if (!mic || mic.readyState !== 'live') set('microphone', 'fail', 'No sound comes from your microphone. Check it, then retry.');
    else if (mic.muted) set('microphone', 'fail', 'Your microphone is muted. Unmute it, then retry.');
    else set('microphone', 'ok', 'Working.');
  }, [kit, set]);

  const checkScreen = useCallback(async () => {
    set('screen', 'running', 'Choose "Entire screen" in the dialog…');
    try {
      await kit.openScreen();
      set('screen', 'ok', 'Your entire screen is shared.');
    } catch (err) {
      set('screen', 'fail', errorMessage(err));
    }
  }, [kit, set]);

  const checkUpload = useCallback(async () => {
    set('upload', 'running', 'Measuring…');
    const data = new Uint8Array(PROBE_BYTES);
    crypto.getRandomValues(data.subarray(0, 65536));
    const started = performance.now();
    try {
      await studentApi.uploadCheck(attemptId, token, data);
    } catch {
      set('upload', 'fail', 'Could not reach the server. Check your connection, then retry.');
      return;
    }
    const speed = kbps(PROBE_BYTES, performance.now() - started);
    const words = speed >= 1000 ? `${(speed / 1000).toFixed(1)} Mbps` : `${speed} kbps`;
    if (speed < MIN_UPLOAD_KBPS) {
      set('upload', 'fail', `Your upload is slow (${words}); at least ${MIN_UPLOAD_KBPS} kbps is needed. Move closer to your router or stop other uploads, then retry.`);
    } else set('upload', 'ok', `${words}.`);
  }, [attemptId, token, set]);

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (checkBrowser()) {
      void checkDevices();
      if (measureUpload) void checkUpload();
    }
  }, [checkBrowser, checkDevices, checkUpload, measureUpload]);

  const retry = (id: CheckRow['id']) => {
    if (id === 'browser') checkBrowser();
    else if (id === 'camera' || id === 'microphone') void checkDevices();
    else if (id === 'screen') void checkScreen();
    else void checkUpload();
  };

  const passed = rows.every((r) => r.state === 'ok' || r.state === 'warn');
  // Resuming with every device working: nothing to read here, go on.
  useEffect(() => {
    if (passed && !measureUpload) onDone();
  }, [passed, measureUpload, onDone]);

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2} fz="lg">
          Check your device
        </Title>
        <Text size="sm" c="dimmed">
          This exam is proctored. Allow the camera and microphone when your browser asks.
        </Text>
      </Stack>
      <ul className="proctor-checks" aria-label="Device check">
        {rows.map((r) => (
          <li key={r.id} className="proctor-check" data-state={r.state}>
            <StateIcon state={r.state} />
            <div className="proctor-check-body">
              <Text fw={600} size="sm">
                {r.label}
                <span className="exam-visually-hidden">: {STATE_WORD[r.state]}</span>
              </Text>
              {r.message && (
                <Text size="sm" c={r.state === 'fail' ? 'red.8' : 'dimmed'} role={r.state === 'fail' ? 'alert' : undefined}>
                  {r.message}
                </Text>
              )}
            </div>
            {r.id === 'screen' && r.state !== 'ok' && r.state !== 'running' ? (
              <Button size="xs" variant="light" onClick={() => retry('screen')}>
                {r.state === 'fail' ? 'Retry' : 'Share screen'}
              </Button>
            ) : (
              r.state === 'fail' && (
                <Button size="xs" variant="light" onClick={() => retry(r.id)} aria-label={`Retry: ${r.label}`}>
                  Retry
                </Button>
              )
            )}
          </li>
        ))}
      </ul>
      <Group justify="flex-end">
        <Button onClick={onDone} disabled={!passed}>
          Continue
        </Button>
      </Group>
    </Stack>
  );
}
