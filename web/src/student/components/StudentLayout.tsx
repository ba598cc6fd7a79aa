import type { ReactNode } from 'react';
import { Box, Container, Group, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Wordmark } from '../../components/Wordmark';

interface Props {
  title: string;
  org?: string | null;
  size?: number;
  children: ReactNode;
}

/** Page frame for the student's screens outside the exam itself (join, submitted). */
export function StudentLayout({ title, org, size = 760, children }: Props) {
  useDocumentTitle(`${title} · Procta`);
  return (
    <Box mih="100vh" pb="xl">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size={size} py="sm" px="md">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Wordmark />
            {org && (
              <Text size="sm" c="dimmed" truncate="end" ta="right">
                {org}
              </Text>
            )}
          </Group>
        </Container>
      </Box>
      <Container size={size} px="md" pt={{ base: 'md', sm: 'xl' }} component="main">
        {children}
      </Container>
    </Box>
  );
}
