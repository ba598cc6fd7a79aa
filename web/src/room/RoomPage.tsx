/**
 * /room/:attemptId — the phone that films the student's room.
 *
 * The exam page shows a QR code for `/room/<attempt>#<one-time code>`. This page trades the
 * code for the phone's own token (kept in sessionStorage, so a reload keeps working), then
 * sends a JPEG of the room every `interval_s` seconds until the exam ends.
 */
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCamera, IconCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { StudentLayout } from '../student/components/StudentLayout';
import { pairPhone, sendRoomSnapshot, type Pairing } from './api';

type Phase =
  | { kind: 'pairing' }
  | { kind: 'camera'; pairing: Pairing }
  | { kind: 'sending'; pairing: Pairing }
  | { kind: 'stopped'; title: string; text: string };

const MAX_WIDTH = 960;

function storageKey(attemptId: string) {
  return `procta.room.${attemptId}`;
}

async function grab(video: HTMLVideoElement): Promise<Blob | null> {
  const scale = Math.min(1, MAX_WIDTH / (video.videoWidth || MAX_WIDTH));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round((video.videoWidth || 640) * scale);
  canvas.height = Math.round((video.videoHeight || 480) * scale);
  canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.7));
}

export function RoomPage() {
  const { attemptId = '' } = useParams();
  const [phase, setPhase] = useState<Phase>({ kind: 'pairing' });
  const [lastSent, setLastSent] = useState<Date | null>(null);
  const [trouble, setTrouble] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  // Pair once: the code in the fragment works one time; the token is kept for reloads.
  useEffect(() => {
    const code = window.location.hash.slice(1);
    const kept = sessionStorage.getItem(storageKey(attemptId));
    if (kept) {
      setPhase({ kind: 'camera', pairing: JSON.parse(kept) as Pairing });
      return;
    }
    if (!code) {
      setPhase({ kind: 'stopped', title: 'Scan the QR code again', text: 'This link has no pairing code.' });
      return;
    }
    pairPhone(attemptId, code).then(
      (pairing) => {
        sessionStorage.setItem(storageKey(attemptId), JSON.stringify(pairing));
        window.history.replaceState(null, '', window.location.pathname);
        setPhase({ kind: 'camera', pairing });
      },
      (err: Error) => setPhase({ kind: 'stopped', title: 'This link does not work', text: err.message }),
    );
  }, [attemptId]);

  const pairing = phase.kind === 'camera' || phase.kind === 'sending' ? phase.pairing : null;

  // Camera on, then a picture every interval until the exam is over or the phone replaced.
  useEffect(() => {
    if (!pairing) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const stop = (title: string, text: string) => {
      stopped = true;
      sessionStorage.removeItem(storageKey(attemptId));
      setPhase({ kind: 'stopped', title, text });
    };
    const tick = async () => {
      if (stopped || !video.current) return;
      const jpeg = await grab(video.current);
      if (!jpeg) return;
      const outcome = await sendRoomSnapshot(attemptId, pairing.token, jpeg);
      if (outcome === 'ok') {
        setLastSent(new Date());
        setTrouble(null);
      } else if (outcome === 'replaced') {
        stop('This phone was replaced', 'A newer QR code was scanned with another phone.');
      } else if (outcome === 'over') {
        stop('The exam is over', 'Thank you. You can close this page.');
      } else {
        setTrouble('Connection problem: trying again.');
      }
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 } }, audio: false })
      .then(async (s) => {
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          await video.current.play().catch(() => undefined);
        }
        setPhase({ kind: 'sending', pairing });
        void (navigator as Navigator & { wakeLock?: { request(t: string): Promise<unknown> } }).wakeLock
          ?.request('screen')
          .catch(() => undefined);
        void tick();
        timer = setInterval(() => void tick(), pairing.interval_s * 1000);
      })
      .catch(() => setTrouble('Allow the camera for this page, then reload it.'));
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [attemptId, pairing]);

  return (
    <StudentLayout title="Room camera" size={560}>
      <Stack gap="md">
        <Title order={2}>Room camera</Title>
        {phase.kind === 'pairing' && (
          <Group gap="sm">
            <Loader size="sm" />
            <Text>Connecting this phone to the exam…</Text>
          </Group>
        )}
        {phase.kind === 'stopped' && (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={phase.title}>
            {phase.text}
          </Alert>
        )}
        {pairing && (
          <>
            <Text>
              {pairing.student_name} · {pairing.exam_title}
            </Text>
            <Text size="sm" c="dimmed">
              Stand the phone to one side so that it shows you, your desk and your screen. Keep this page open
              and the phone plugged in until the exam ends.
            </Text>
            <Paper withBorder radius="md" style={{ overflow: 'hidden', background: '#000' }}>
              <video ref={video} muted playsInline style={{ width: '100%', display: 'block' }} aria-label="Room camera" />
            </Paper>
            <Group gap="xs">
              {phase.kind === 'sending' ? (
                <Badge color="teal" leftSection={<IconCheck size={12} />}>
                  Sending every {pairing.interval_s} s
                </Badge>
              ) : (
                <Badge color="gray" leftSection={<IconCamera size={12} />}>
                  Starting the camera
                </Badge>
              )}
              {lastSent && (
                <Text size="sm" c="dimmed">
                  Last picture {lastSent.toLocaleTimeString()}
                </Text>
              )}
            </Group>
            {trouble && (
              <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
                {trouble}
                {trouble.startsWith('Allow') && (
                  <Button size="xs" variant="light" ml="sm" onClick={() => window.location.reload()}>
                    Reload
                  </Button>
                )}
              </Alert>
            )}
          </>
        )}
      </Stack>
    </StudentLayout>
  );
}
