import type { ReactNode } from 'react';
import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';

/** Horizontal padding inside cards: a little tighter on phones. */
export const CARD_PX = { base: 'md', sm: 'lg' } as const;

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  useDocumentTitle(`${title} · Procta`);
  return (
    <Group justify="space-between" align="flex-end" mb="lg" gap="sm">
      <Stack gap={4}>
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {title}
        </Title>
        {description && <Text c="dimmed">{description}</Text>}
      </Stack>
      {actions}
    </Group>
  );
}

interface SectionProps {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** Remove inner padding so a table can run edge to edge. */
  flush?: boolean;
}

/** A titled card; tables go inside with `flush`. */
export function Section({ title, description, actions, children, flush }: SectionProps) {
  return (
    <Paper component="section" shadow="xs" p={0}>
      <Group justify="space-between" align="flex-start" px={CARD_PX} pt="md" pb={flush ? 'sm' : 0} gap="sm">
        <Stack gap={2}>
          <Title order={2} fz="lg">
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {actions}
      </Group>
      {flush ? children : (
        <Box px={CARD_PX} pt="md" pb={{ base: 'md', sm: 'lg' }}>
          {children}
        </Box>
      )}
    </Paper>
  );
}
