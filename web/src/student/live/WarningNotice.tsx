import { Button, Group, Modal, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { formatTime } from '../time';
import type { ProctorWarning } from './api';

interface Props {
  /** Not yet acknowledged, oldest first: shown one after another. */
  warnings: ProctorWarning[];
  onAcknowledge: (warningId: string) => void;
}

/** The proctor's warning: blocks the exam until the student clicks "I understand". */
export function WarningNotice({ warnings, onAcknowledge }: Props) {
  const current = warnings[0];
  const at = formatTime(current?.at);
  return (
    <Modal
      opened={!!current}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      centered
      zIndex={400}
      radius="md"
      padding="lg"
      overlayProps={{ backgroundOpacity: 0.6, blur: 2 }}
      title={
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon color="orange" variant="light" size={36} radius="xl" aria-hidden>
            <IconAlertTriangle size={22} />
          </ThemeIcon>
          <Title order={2} fz="lg">
            Message from your proctor
          </Title>
        </Group>
      }
      aria-describedby={current ? 'proctor-warning-text' : undefined}
    >
      {current && (
        <>
          <Text id="proctor-warning-text" className="live-warning-text">
            {current.message}
          </Text>
          <Group justify="space-between" mt="lg" gap="sm">
            <Text size="xs" c="dimmed">
              {at && `Sent at ${at}`}
              {warnings.length > 1 && `${at ? ' · ' : ''}${warnings.length - 1} more after this`}
            </Text>
            <Button color="orange" onClick={() => onAcknowledge(current.id)} data-autofocus>
              I understand
            </Button>
          </Group>
        </>
      )}
    </Modal>
  );
}
