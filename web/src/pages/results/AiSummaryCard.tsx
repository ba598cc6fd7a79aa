import { Badge, Button, Collapse, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSparkles } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { reportKeys, reportsApi } from './reportsApi';

const SOURCES = { llm: 'Written by AI', rules: 'From the flag rules' } as const;

/** A short written summary of the exam; hidden when there is none (or the server cannot give one). */
export function AiSummaryCard({ examId }: { examId: string }) {
  const [open, setOpen] = useState(true);
  const summary = useQuery({
    queryKey: reportKeys.aiSummary(examId),
    queryFn: () => reportsApi.aiSummary(examId),
    retry: false,
  });
  if (!summary.data?.text) return null;

  return (
    <Paper component="section" shadow="xs" px={{ base: 'md', sm: 'lg' }} py="md" aria-labelledby="ai-summary-heading">
      <Group justify="space-between" gap="sm">
        <Group gap="xs">
          <IconSparkles size={18} aria-hidden color="var(--mantine-color-indigo-6)" />
          <Title order={2} fz="lg" id="ai-summary-heading">
            AI summary
          </Title>
          <Badge size="sm" variant="light" color={summary.data.source === 'llm' ? 'indigo' : 'gray'}>
            {SOURCES[summary.data.source] ?? summary.data.source}
          </Badge>
        </Group>
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls="ai-summary-text"
          rightSection={open ? <IconChevronUp size={14} aria-hidden /> : <IconChevronDown size={14} aria-hidden />}
        >
          {open ? 'Hide' : 'Show'}
        </Button>
      </Group>
      <Collapse expanded={open} id="ai-summary-text">
        <Stack gap="xs" pt="sm">
          {summary.data.text.split(/\n{2,}/).map((para, i) => (
            <Text key={i} size="sm" style={{ whiteSpace: 'pre-line' }}>
              {para}
            </Text>
          ))}
        </Stack>
      </Collapse>
    </Paper>
  );
}
