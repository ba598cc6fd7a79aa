import { Alert, Button, Container, Group, Paper, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCamera, IconMaximize, IconScreenShare } from '@tabler/icons-react';
import type { DeviceStates } from './useProctoring';
import type { Warning } from './signals';

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Everything detected so far, newest first, so the student can correct course. */
export function WarningLog({ warnings }: { warnings: Warning[] }) {
  return (
    <Paper p="md" component="section" aria-labelledby="warning-log-title" className="proctor-log">
      <Title order={2} fz="sm" id="warning-log-title" mb="xs">
        Warning log
      </Title>
      {warnings.length === 0 ? (
        <Text size="sm" c="dimmed">
          No warnings so far.
        </Text>
      ) : (
        <ol className="proctor-log-list" aria-live="polite" aria-relevant="additions">
          {warnings.map((w) => (
            <li key={w.id} className="proctor-log-item">
              <time dateTime={new Date(w.at).toISOString()} className="proctor-log-time">
                {clock(w.at)}
              </time>
              <span>
                <b>{w.title}</b>
                {w.count > 1 && <span className="proctor-log-count"> ×{w.count}</span>}
                <br />
                <span className="proctor-log-text">{w.text}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </Paper>
  );
}

interface BannerProps {
  needsFullscreen: boolean;
  devices: DeviceStates;
  screenRequired: boolean;
  cameraRequired: boolean;
  onFullscreen: () => void;
  onReshare: () => void;
  onReconnect: () => void;
}

/** What the student must fix now: full screen left, screen share or camera stopped. */
export function ProctorBanners({
  needsFullscreen,
  devices,
  screenRequired,
  cameraRequired,
  onFullscreen,
  onReshare,
  onReconnect,
}: BannerProps) {
  const items: { key: string; text: string; action: string; icon: React.ReactNode; onClick: () => void }[] = [];
  if (needsFullscreen) {
    items.push({
      key: 'fs',
      text: 'You left full screen. This is recorded as a warning until you return.',
      action: 'Return to full screen',
      icon: <IconMaximize size={16} />,
      onClick: onFullscreen,
    });
  }
  if (screenRequired && !devices.screen) {
    items.push({
      key: 'screen',
      text: 'Your screen is no longer shared. Share your entire screen again.',
      action: 'Share screen',
      icon: <IconScreenShare size={16} />,
      onClick: onReshare,
    });
  }
  if (cameraRequired && (!devices.camera || !devices.microphone)) {
    items.push({
      key: 'camera',
      text: `Your ${!devices.camera ? 'camera' : 'microphone'} stopped. Reconnect it to continue being proctored.`,
      action: 'Reconnect',
      icon: <IconCamera size={16} />,
      onClick: onReconnect,
    });
  }
  return (
    <div role="alert">
      {items.map((it) => (
        <Container key={it.key} size={1280} px="md" pt="md">
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} p="sm">
            <Group justify="space-between" gap="sm">
              <Text size="sm">{it.text}</Text>
              <Button size="xs" color="red" leftSection={it.icon} onClick={it.onClick}>
                {it.action}
              </Button>
            </Group>
          </Alert>
        </Container>
      ))}
    </div>
  );
}
