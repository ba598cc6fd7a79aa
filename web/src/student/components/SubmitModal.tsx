import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconWifiOff } from '@tabler/icons-react';
import { plural } from '../answers';
import type { SubmitStage } from '../useExamSession';

interface Props {
  opened: boolean;
  /** Time ran out: no way back, submission is automatic. */
  timeUp: boolean;
  answered: number;
  total: number;
  flagged: number;
  stage: SubmitStage;
  onConfirm: () => void;
  onCancel: () => void;
}

function WaitingNote({ stage }: { stage: SubmitStage }) {
  if (stage.kind !== 'waiting') return null;
  return (
    <Alert color="orange" variant="light" icon={<IconWifiOff size={18} />} role="alert">
      {stage.connection === 'server_down'
        ? 'The server cannot be reached right now. '
        : 'You are offline. '}
      Your answers are kept on this device, and your exam will be submitted as soon as the connection is
      back. Keep this page open.
    </Alert>
  );
}

/** "Submit exam?" with the unanswered count; also the "Time is up" dialog. */
export function SubmitModal({ opened, timeUp, answered, total, flagged, stage, onConfirm, onCancel }: Props) {
  const unanswered = total - answered;
  const busy = stage.kind === 'sending' || stage.kind === 'waiting';

  if (timeUp) {
    return (
      <Modal
        opened={opened}
        onClose={() => undefined}
        title="Time is up"
        withCloseButton={false}
        closeOnEscape={false}
        closeOnClickOutside={false}
        centered
      >
        <Stack>
          <Text>The exam time has ended. Your answers are being submitted.</Text>
          {stage.kind === 'sending' && (
            <Group gap="sm">
              <Loader size="sm" />
              <Text size="sm" c="dimmed">
                Submitting…
              </Text>
            </Group>
          )}
          <WaitingNote stage={stage} />
          {stage.kind === 'failed' && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {stage.message}
            </Alert>
          )}
          {stage.kind === 'failed' && (
            <Group justify="flex-end">
              <Button onClick={onConfirm}>Try again</Button>
            </Group>
          )}
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened={opened} onClose={onCancel} title="Submit exam?" centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack>
        <Text>
          You have answered {answered} of {plural(total, 'question')}.
        </Text>
        {unanswered > 0 ? (
          <Alert color="yellow" variant="light" icon={<IconAlertCircle size={18} />}>
            {plural(unanswered, 'question')} {unanswered === 1 ? 'is' : 'are'} unanswered.
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            All questions are answered.
          </Text>
        )}
        {flagged > 0 && (
          <Text size="sm">
            {plural(flagged, 'question')} {flagged === 1 ? 'is' : 'are'} flagged for review.
          </Text>
        )}
        <Text size="sm" c="dimmed">
          After you submit, you cannot change your answers.
        </Text>
        <WaitingNote stage={stage} />
        {stage.kind === 'failed' && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Not submitted">
            {stage.message}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Keep working
          </Button>
          <Button onClick={onConfirm} loading={busy}>
            Yes, submit
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
