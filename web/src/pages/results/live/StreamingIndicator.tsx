import { Box, Group, Text, Tooltip } from '@mantine/core';
import { useTeacherSocketState, type TeacherSocketState } from '../../../api/teacherSocket';

const LOOK: Record<TeacherSocketState, { label: string; color: string; hint: string }> = {
  open: { label: 'Streaming', color: 'green', hint: 'Changes appear here as they happen.' },
  connecting: { label: 'Connecting…', color: 'gray', hint: 'Opening the live feed.' },
  reconnecting: { label: 'Reconnecting…', color: 'orange', hint: 'The live feed dropped; what was missed is fetched when it is back.' },
  denied: { label: 'Offline', color: 'red', hint: 'The live feed refused this session: sign in again to stream.' },
  off: { label: 'Offline', color: 'gray', hint: 'The live feed is not connected.' },
};

/** A dot and a word for the teacher socket's state: green "Streaming", orange "Reconnecting…". */
export function StreamingIndicator() {
  const state = useTeacherSocketState();
  const look = LOOK[state];
  return (
    <Tooltip label={look.hint} withArrow multiline w={240}>
      <Group gap={6} wrap="nowrap" role="status" aria-live="polite" data-state={state} style={{ cursor: 'default' }}>
        <Box
          w={10}
          h={10}
          aria-hidden
          style={{
            borderRadius: '50%',
            background: `var(--mantine-color-${look.color}-6)`,
            boxShadow: state === 'open' ? `0 0 0 3px var(--mantine-color-${look.color}-1)` : undefined,
          }}
        />
        <Text size="sm" fw={500} c={state === 'open' ? 'green.8' : `${look.color}.7`}>
          {look.label}
        </Text>
      </Group>
    </Tooltip>
  );
}
