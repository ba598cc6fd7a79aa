import type { ReactNode } from 'react';
import { Alert, Container } from '@mantine/core';
import { IconAlertTriangle, IconCloudOff, IconPlayerPause, IconWifiOff } from '@tabler/icons-react';
import type { Connection, Halt } from '../sync';

export const OFFLINE_MESSAGE =
  'You are offline. Your answers are kept on this device and will be sent when you are back online.';

interface Props {
  connection: Connection;
  paused: boolean;
  halt: Halt | null;
}

/** Offline / server trouble / paused / closed, under the exam header. */
export function ConnectionBanner({ connection, paused, halt }: Props) {
  let content: { color: string; icon: ReactNode; title?: string; text: string } | null = null;
  if (halt?.kind === 'closed') {
    content = { color: 'red', icon: <IconAlertTriangle size={20} />, text: halt.message };
  } else if (connection === 'offline') {
    content = { color: 'orange', icon: <IconWifiOff size={20} />, text: OFFLINE_MESSAGE };
  } else if (connection === 'server_down') {
    content = {
      color: 'orange',
      icon: <IconCloudOff size={20} />,
      text: 'The server cannot be reached right now. Your answers are kept on this device and will be sent when it is back.',
    };
  } else if (paused) {
    content = {
      color: 'blue',
      icon: <IconPlayerPause size={20} />,
      text: 'Your exam is paused by the proctor. Your answers are kept and will be saved when it resumes.',
    };
  }
  return (
    <div role="status" aria-live="polite">
      {content && (
        <Container size={1280} px="md" pt="md">
          <Alert color={content.color} variant="light" icon={content.icon} p="sm" styles={{ message: { fontSize: 'var(--mantine-font-size-sm)' } }}>
            {content.text}
          </Alert>
        </Container>
      )}
    </div>
  );
}
