import { Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCloudOff } from '@tabler/icons-react';
import type { SaveState } from '../sync';

/** The saved state of the question on screen; a polite live region. */
export function SaveStatus({ state }: { state: SaveState | undefined }) {
  return (
    <Group gap={6} role="status" aria-live="polite" wrap="nowrap" mih={22} style={{ minWidth: 0 }}>
      {state && <Content state={state} />}
    </Group>
  );
}

function Content({ state }: { state: SaveState }) {
  switch (state.kind) {
    case 'saving':
      return (
        <>
          <Loader size={14} aria-hidden />
          <Text size="sm" c="dimmed">
            Saving…
          </Text>
        </>
      );
    case 'saved':
      return (
        <>
          <IconCircleCheck size={18} color="var(--mantine-color-teal-7)" aria-hidden />
          <Text size="sm" c="teal.8">
            Saved
          </Text>
        </>
      );
    case 'offline':
      return (
        <>
          <IconCloudOff size={18} color="var(--mantine-color-orange-7)" aria-hidden />
          <Text size="sm" c="orange.8">
            Offline — will retry
          </Text>
        </>
      );
    case 'server_down':
      return (
        <>
          <IconCloudOff size={18} color="var(--mantine-color-orange-7)" aria-hidden />
          <Text size="sm" c="orange.8">
            Server unavailable — will retry
          </Text>
        </>
      );
    case 'error':
      return (
        <>
          <IconAlertTriangle size={18} color="var(--mantine-color-red-7)" aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm" c="red.8">
            Not saved: {state.message}
          </Text>
        </>
      );
  }
}
