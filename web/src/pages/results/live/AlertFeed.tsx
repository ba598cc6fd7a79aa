import { Box, Group, ScrollArea, Skeleton, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { LiveAlert } from '../../../api/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format';
import { formatRelative, severityLook, sourceLabel } from '../format';
import classes from './Live.module.css';

interface Props {
  alerts: LiveAlert[] | undefined;
  error: unknown;
  onOpen: (alert: LiveAlert) => void;
  now: Date;
  /** Height of the scrolling list. */
  height: number | string;
}

/** The newest flags first, each in its severity's colour; a click opens the student's triage panel. */
export function AlertFeed({ alerts, error, onOpen, now, height }: Props) {
  if (error && !alerts) return <ErrorAlert error={error} title="Could not load the alerts" mx="md" mb="md" />;
  if (!alerts) {
    return (
      <Stack px="md" pb="md" gap="sm" aria-hidden>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={48} radius="sm" />
        ))}
      </Stack>
    );
  }
  if (alerts.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="md" pb="lg">
        No alerts yet. New flags appear here as they happen.
      </Text>
    );
  }
  return (
    <ScrollArea.Autosize mah={height} type="auto" offsetScrollbars>
      <Stack component="ol" gap={0} aria-label="Alerts" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {alerts.map((a) => {
          const sev = severityLook(a.severity);
          return (
            <Box component="li" key={a.id} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              <UnstyledButton
                onClick={() => onOpen(a)}
                w="100%"
                px="md"
                py={8}
                aria-label={`${sev.label} alert: ${a.message} — ${a.student_name}`}
                className={classes.alert}
                style={{ display: 'block', borderLeft: `4px solid var(--mantine-color-${sev.color}-6)` }}
              >
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="sm" fw={500} lineClamp={2}>
                    {a.message || a.label}
                  </Text>
                  <Tooltip label={formatDateTime(a.started_at)} withArrow>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {formatRelative(a.started_at, now)}
                    </Text>
                  </Tooltip>
                </Group>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  <Text span size="xs" c={`${sev.color}.7`} fw={600}>
                    {sev.label}
                  </Text>{' '}
                  · {a.student_name} ({a.roll_number}) · {a.exam_title} · {sourceLabel(a.source)}
                </Text>
              </UnstyledButton>
            </Box>
          );
        })}
      </Stack>
    </ScrollArea.Autosize>
  );
}
