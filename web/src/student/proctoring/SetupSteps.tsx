import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Checkbox, Group, List, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCamera, IconCheck, IconId, IconRefresh, IconUser } from '@tabler/icons-react';
import { errorMessage } from '../../api/client';
import type { ProctoringSetup } from '../../api/types';
import { studentApi } from '../api';
import { calibrationVerdict, lightingAdvice, REASON_TEXT, type CalSamples, type CalVerdict } from './calibration';
import { IDENTITY_SIZE, type MediaKit } from './media';
import { newClientId } from './signals';

/** A live view of the camera (a second <video> on the same stream). */
export function CameraPreview({ kit, mirrored, label }: { kit: MediaKit; mirrored?: boolean; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !kit.camera) return;
    el.srcObject = kit.camera;
    void el.play().catch(() => undefined);
    return () => {
      el.srcObject = null;
    };
  }, [kit, kit.camera]);
  return (
    <video
      ref={ref}
      className="proctor-preview"
      data-mirrored={mirrored || undefined}
      muted
      playsInline
      autoPlay
      aria-label={label}
    />
  );
}

// --- consent -----------------------------------------------------------------------------

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** How long what is recorded is kept: snapshots on their own (usually shorter), the rest
 * (recordings, if any, audio clips and ID photos) for the exam's retention period. */
function RetentionSentence({ setup }: { setup: ProctoringSetup }) {
  const recorded = setup.record_webcam || setup.record_screen;
  const rest = recorded ? 'recordings, audio clips and ID photos' : 'audio clips and ID photos';
  if (setup.screenshot_retention_days === setup.retention_days) {
    return (
      <>
        Snapshots, {rest} are kept for <b>{days(setup.retention_days)}</b> after the exam, then deleted.
      </>
    );
  }
  return (
    <>
      Snapshots are kept for <b>{days(setup.screenshot_retention_days)}</b> and {rest} for{' '}
      <b>{days(setup.retention_days)}</b> after the exam, then deleted.
    </>
  );
}

export function ConsentStep({
  setup,
  attemptId,
  token,
  onDone,
}: {
  setup: ProctoringSetup;
  attemptId: string;
  token: string;
  onDone: () => void;
}) {
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [declined, setDeclined] = useState(false);
  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      await studentApi.consent(attemptId, token);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="md">
      <Title order={2} fz="lg" id="consent-title">
        What this exam records
      </Title>
      <Text size="sm">While you take this exam, Procta records:</Text>
      <List spacing={6} size="sm" aria-labelledby="consent-title">
        {setup.recorded.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
      <Text size="sm">
        Your teacher and the school's proctors review these recordings to check the exam was taken fairly.{' '}
        <RetentionSentence setup={setup} /> A warning is never a verdict by itself: a person reviews it.
      </Text>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {declined && (
        <Alert color="orange" variant="light" role="alert" icon={<IconAlertTriangle size={18} />}>
          This exam cannot be taken without recording. If you cannot agree, close this page and contact your
          teacher; your exam stays open until its time runs out.
        </Alert>
      )}
      <Checkbox
        checked={agreed}
        onChange={(e) => setAgreed(e.currentTarget.checked)}
        label="I agree to be recorded as described above"
      />
      <Group justify="space-between" gap="sm">
        <Button variant="subtle" color="gray" onClick={() => setDeclined(true)}>
          I do not agree
        </Button>
        <Button onClick={() => void accept()} disabled={!agreed} loading={busy}>
          Agree and continue
        </Button>
      </Group>
    </Stack>
  );
}

// --- identity ------------------------------------------------------------------------------

type PhotoKind = 'id_document' | 'selfie';

const PHOTO_TEXT: Record<PhotoKind, { title: string; hint: string; icon: React.ReactNode }> = {
  id_document: {
    title: 'Photo of your ID',
    hint: 'Hold your student card or ID close to the camera, with your photo and name readable.',
    icon: <IconId size={18} aria-hidden />,
  },
  selfie: {
    title: 'Photo of your face',
    hint: 'Look at the camera, with your whole face in the picture.',
    icon: <IconUser size={18} aria-hidden />,
  },
};

function PhotoCapture({
  kind,
  kit,
  attemptId,
  token,
  done,
  onUploaded,
}: {
  kind: PhotoKind;
  kit: MediaKit;
  attemptId: string;
  token: string;
  done: boolean;
  onUploaded: () => void;
}) {
  const [photo, setPhoto] = useState<{ blob: Blob; url: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const text = PHOTO_TEXT[kind];

  useEffect(() => () => {
    if (photo) URL.revokeObjectURL(photo.url);
  }, [photo]);

  const take = async () => {
    setError(null);
    const blob = await kit.snapshot('camera', IDENTITY_SIZE);
    if (!blob) {
      setError('No picture came from your camera. Check it, then try again.');
      return;
    }
    setPhoto({ blob, url: URL.createObjectURL(blob) });
  };

  const upload = async () => {
    if (!photo) return;
    setBusy(true);
    setError(null);
    try {
      await studentApi.identity(attemptId, token, kind, newClientId(kind === 'selfie' ? 'selfie' : 'iddoc'), photo.blob);
      onUploaded();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" component="section" aria-label={text.title}>
      <Group gap={6}>
        {text.icon}
        <Text fw={600}>{text.title}</Text>
        {done && (
          <Text size="sm" c="teal.8" fw={600}>
            <IconCheck size={14} aria-hidden /> Sent
          </Text>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {text.hint}
      </Text>
      <Box className="proctor-frame">
        {photo ? (
          <img src={photo.url} alt={`Your ${kind === 'selfie' ? 'selfie' : 'ID photo'}, as taken`} className="proctor-preview" />
        ) : (
          <CameraPreview kit={kit} mirrored={kind === 'selfie'} label={`Camera view for the ${text.title.toLowerCase()}`} />
        )}
      </Box>
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
      <Group gap="xs">
        {!photo ? (
          <Button leftSection={<IconCamera size={16} />} onClick={() => void take()} variant={done ? 'light' : 'filled'}>
            {done ? 'Take again' : `Take ${kind === 'selfie' ? 'selfie' : 'ID photo'}`}
          </Button>
        ) : done ? (
          <Button variant="light" leftSection={<IconRefresh size={16} />} onClick={() => setPhoto(null)}>
            Retake
          </Button>
        ) : (
          <>
            <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => setPhoto(null)} disabled={busy}>
              Retake
            </Button>
            <Button onClick={() => void upload()} loading={busy}>
              Use this photo
            </Button>
          </>
        )}
      </Group>
    </Stack>
  );
}

export function IdentityStep({
  kit,
  attemptId,
  token,
  onDone,
}: {
  kit: MediaKit;
  attemptId: string;
  token: string;
  onDone: () => void;
}) {
  const [sent, setSent] = useState<Record<PhotoKind, boolean>>({ id_document: false, selfie: false });
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2} fz="lg">
          Confirm who you are
        </Title>
        <Text size="sm" c="dimmed">
          Take a photo of your ID, then one of your face. Your teacher compares them with you on camera.
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        {(['id_document', 'selfie'] as const).map((kind) => (
          <PhotoCapture
            key={kind}
            kind={kind}
            kit={kit}
            attemptId={attemptId}
            token={token}
            done={sent[kind]}
            onUploaded={() => setSent((s) => ({ ...s, [kind]: true }))}
          />
        ))}
      </SimpleGrid>
      <Group justify="flex-end">
        <Button onClick={onDone} disabled={!sent.id_document || !sent.selfie}>
          Continue
        </Button>
      </Group>
    </Stack>
  );
}

// --- calibration ------------------------------------------------------------------------------

export const CAL_SECONDS = 5;
const CAL_HZ = 4;

export function CalibrationStep({
  kit,
  attemptId,
  token,
  onDone,
}: {
  kit: MediaKit;
  attemptId: string;
  token: string;
  /** Calibration stored (or skipped): the noise floor measured, if any, and the status. */
  onDone: (noiseFloorDb: number | null, status: string) => void;
}) {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState(0);
  const [advice, setAdvice] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<CalVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const cancelled = useRef(false);
  useEffect(
    () => () => {
      cancelled.current = true;
    },
    [],
  );

  const post = useCallback(
    async (status: 'ok' | 'poor' | 'skipped', v: CalVerdict | null) => {
      setSaving(true);
      setError(null);
      try {
        await studentApi.calibration(attemptId, token, {
          status,
          reason: status === 'poor' ? (v?.reason ?? '') : status === 'skipped' ? 'Skipped by the student' : '',
          baseline: v?.baseline ?? { samples: 0 },
        });
        return true;
      } catch (err) {
        setError(errorMessage(err));
        return false;
      } finally {
        setSaving(false);
      }
    },
    [attemptId, token],
  );

  const run = async () => {
    setRunning(true);
    setVerdict(null);
    setError(null);
    setProgress(0);
    await kit.startAudio();
    const samples: CalSamples = { brightness: [], faceSizes: [], faceChecks: 0, poses: [], levelsDb: [] };
    const total = CAL_SECONDS * CAL_HZ;
    for (let i = 0; i < total && !cancelled.current; i++) {
      const b = kit.brightness();
      if (b !== null) samples.brightness.push(b);
      const level = kit.level();
      if (level !== null) samples.levelsDb.push(level);
      if (i % 2 === 0) {
        const face = await kit.face();
        if (face !== undefined) {
          samples.faceChecks += 1;
          if (face) {
            samples.faceSizes.push(face.size);
            if (face.pose) samples.poses.push(face.pose);
          }
        }
      }
      setAdvice(lightingAdvice(b)?.message ?? null);
      setProgress(((i + 1) / total) * 100);
      await new Promise((r) => setTimeout(r, 1000 / CAL_HZ));
    }
    if (cancelled.current) return;
    const v = calibrationVerdict(samples);
    setRunning(false);
    setVerdict(v);
    await post(v.status, v);
  };

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2} fz="lg">
          Calibration
        </Title>
        <Text size="sm" c="dimmed">
          Sit as you will during the exam and look at the screen for {CAL_SECONDS} seconds, without talking. This
          records your usual position, your lighting and how quiet your room is.
        </Text>
      </Stack>
      <Box className="proctor-frame">
        <CameraPreview kit={kit} mirrored label="Camera view for calibration" />
      </Box>
      {running && <Progress value={progress} aria-label="Calibration progress" size="md" />}
      <div role="status" aria-live="polite">
        {advice && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} p="sm">
            {advice}
          </Alert>
        )}
      </div>
      {verdict && !running && (
        <Alert
          color={verdict.status === 'ok' ? 'teal' : 'orange'}
          variant="light"
          title={verdict.status === 'ok' ? 'Calibration done' : 'Calibration is poor'}
          icon={verdict.status === 'ok' ? <IconCheck size={18} /> : <IconAlertTriangle size={18} />}
        >
          {verdict.status === 'ok' ? (
            <Text size="sm">Your lighting, position and room are fine.</Text>
          ) : (
            <List size="sm" spacing={4}>
              {verdict.reasons.map((r) => (
                <List.Item key={r}>{REASON_TEXT[r]}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="space-between" gap="sm">
        <Button
          variant="subtle"
          color="gray"
          disabled={running || saving}
          onClick={() => void post('skipped', null).then((ok) => ok && onDone(null, 'skipped'))}
        >
          Skip calibration
        </Button>
        <Group gap="sm">
          <Button
            variant={verdict ? 'default' : 'filled'}
            onClick={() => void run()}
            loading={running}
            disabled={saving}
          >
            {verdict ? 'Redo calibration' : 'Start calibration'}
          </Button>
          {verdict && !running && (
            <Button onClick={() => onDone(verdict.baseline.noise_floor_db ?? null, verdict.status)} disabled={saving || !!error}>
              Continue
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );
}
