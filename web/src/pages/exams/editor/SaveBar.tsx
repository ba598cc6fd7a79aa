import { Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/** The save buttons under a long form; they stay in view while there is something to save. */
export function SaveBar({ sticky, children }: { sticky: boolean; children: ReactNode }) {
  return (
    <Paper
      shadow={sticky ? 'md' : 'xs'}
      p="sm"
      px={{ base: 'md', sm: 'lg' }}
      style={sticky ? { position: 'sticky', bottom: 'var(--mantine-spacing-md)', zIndex: 5 } : undefined}
    >
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}
