import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMaximize, IconShieldCheck } from '@tabler/icons-react';
import type { ProctoringSetup } from '../../api/types';
import { StudentLayout } from '../components/StudentLayout';
import { fullscreenSupported } from './monitor';
import { CalibrationStep, ConsentStep, IdentityStep } from './SetupSteps';
import { SystemCheck } from './SystemCheck';
import type { MediaKit } from './media';
import { storedNoiseFloor, storeNoiseFloor } from './useProctoring';

type StepId = 'check' | 'consent' | 'identity' | 'calibration' | 'start';

const STEP_LABEL: Record<StepId, string> = {
  check: 'Device check',
  consent: 'Consent',
  identity: 'Identity',
  calibration: 'Calibration',
  start: 'Start',
};

/** The steps still to do: the device check always (devices are opened on every page
 * load), then whatever the server says is not done yet. */
export function stepsFor(setup: Pick<ProctoringSetup, 'consent_given' | 'identity_done' | 'cal_status'>): StepId[] {
  const steps: StepId[] = ['check'];
  if (!setup.consent_given) steps.push('consent');
  if (!setup.identity_done) steps.push('identity');
  if (!setup.cal_status) steps.push('calibration');
  steps.push('start');
  return steps;
}

interface Props {
  setup: ProctoringSetup;
  kit: MediaKit;
  attemptId: string;
  token: string;
  examTitle: string;
  /** Called from the student's click on Start (full screen and audio need a gesture). */
  onStart: (noiseFloorDb: number | null) => void;
  /** A step was stored on the server (kept for a reload while offline). */
  onStepDone?: (change: Partial<ProctoringSetup>) => void;
}

/** Before the questions: device check, consent, ID and selfie, calibration, then start in
 * full screen. After a reload only the device check and the start remain. */
export function ProctoringGate({ setup, kit, attemptId, token, examTitle, onStart, onStepDone }: Props) {
  // The steps are fixed when the gate opens (marking one done must not skip the next).
  const [initial] = useState(setup);
  const steps = useMemo(() => stepsFor(initial), [initial]);
  const [index, setIndex] = useState(0);
  const [floor, setFloor] = useState<number | null>(() => storedNoiseFloor(attemptId));
  const step = steps[Math.min(index, steps.length - 1)];
  const next = useCallback(() => setIndex((i) => Math.min(i + 1, steps.length - 1)), [steps.length]);
  const resuming = initial.consent_given && initial.identity_done && !!initial.cal_status;

  const start = async () => {
    if (fullscreenSupported()) {
      await document.documentElement.requestFullscreen().catch(() => undefined);
    }
    await kit.startAudio();
    onStart(floor);
  };

  return (
    <StudentLayout title={examTitle}>
      <Stack gap="lg">
        <nav aria-label="Exam setup">
          <ol className="proctor-steps">
            {steps.map((s, i) => (
              <li
                key={s}
                aria-current={i === index ? 'step' : undefined}
                data-done={i < index || undefined}
                className="proctor-step"
              >
                <span className="proctor-step-n" aria-hidden>
                  {i + 1}
                </span>
                {STEP_LABEL[s]}
                {i < index && <span className="exam-visually-hidden"> (done)</span>}
              </li>
            ))}
          </ol>
        </nav>
        <Paper p={{ base: 'md', sm: 'xl' }} component="section" aria-live="off">
          {step === 'check' && (
            <SystemCheck
              kit={kit}
              attemptId={attemptId}
              token={token}
              screenRequired={setup.screen}
              // Resuming (perhaps offline): the devices matter, the speed was checked before.
              checkUpload={!resuming}
              onDone={next}
            />
          )}
          {step === 'consent' && (
            <ConsentStep
              setup={setup}
              attemptId={attemptId}
              token={token}
              onDone={() => {
                onStepDone?.({ consent_given: true });
                next();
              }}
            />
          )}
          {step === 'identity' && (
            <IdentityStep
              kit={kit}
              attemptId={attemptId}
              token={token}
              onDone={() => {
                onStepDone?.({ identity_done: true });
                next();
              }}
            />
          )}
          {step === 'calibration' && (
            <CalibrationStep
              kit={kit}
              attemptId={attemptId}
              token={token}
              onDone={(f, status) => {
                onStepDone?.({ cal_status: status });
                storeNoiseFloor(attemptId, f);
                setFloor(f);
                next();
              }}
            />
          )}
          {step === 'start' && (
            <Stack gap="md" align="flex-start">
              <IconShieldCheck size={40} color="var(--mantine-color-teal-6)" aria-hidden />
              <Title order={2} fz="lg">
                {resuming ? 'Continue your exam' : 'You are ready'}
              </Title>
              <Text size="sm">
                The exam opens in full screen. Stay on the exam page until you submit: leaving full screen or the
                page, copying, pasting and some shortcuts are blocked and recorded as warnings, which you will see in
                the warning log.
              </Text>
              {!fullscreenSupported() && (
                <Alert color="yellow" variant="light" p="sm">
                  This browser cannot show the exam in full screen; it opens in the page.
                </Alert>
              )}
              <Button size="md" leftSection={<IconMaximize size={18} />} onClick={() => void start()}>
                {resuming ? 'Continue the exam' : 'Start the exam'}
              </Button>
            </Stack>
          )}
        </Paper>
      </Stack>
    </StudentLayout>
  );
}
