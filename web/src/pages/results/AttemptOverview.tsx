import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { CARD_PX } from '../../components/Page';
import { formatDateTime } from '../../lib/format';
import { StatusBadge } from './StatusBadge';
import { calibrationLook, formatDuration, formatPercent, formatPoints, riskTier } from './format';
import type { AttemptDetail } from './types';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text component="div" size="sm">
        {children}
      </Text>
    </Stack>
  );
}

/** Who, which exam, when, how long, and the score; proctoring figures once they exist. */
export function AttemptOverview({ attempt: a }: { attempt: AttemptDetail }) {
  const pending = a.questions.filter((q) => q.awarded === null).length;
  return (
    <Paper component="section" shadow="xs" px={CARD_PX} py="md" aria-label="Overview">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="md" verticalSpacing="md">
          <Fact label="Student">
            <Anchor component={Link} to={`/history/${a.student_id}`} size="sm">
              {a.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              Roll # {a.roll_number}
            </Text>
          </Fact>
          <Fact label="Exam">
            <Anchor component={Link} to={`/exams/${a.exam_id}/results`} size="sm">
              {a.exam_title}
            </Anchor>
          </Fact>
          <Fact label="Status">
            <StatusBadge status={a.status} />
          </Fact>
          <Fact label="Score">
            <Text fw={650} fz="lg" lh={1.2}>
              {formatPercent(a.score_percent)}
            </Text>
            <Text size="xs" c="dimmed">
              {formatPoints(a.score)} / {formatPoints(a.max_score)} points
            </Text>
          </Fact>
          <Fact label="Started">{formatDateTime(a.started_at)}</Fact>
          <Fact label="Submitted">{formatDateTime(a.submitted_at)}</Fact>
          <Fact label="Time used">{formatDuration(a.time_seconds)}</Fact>
          <Fact label="Questions">{a.questions.length}</Fact>
          {a.violations !== null && a.violations !== undefined && <Fact label="Violations">{a.violations}</Fact>}
          {a.risk_score !== null && a.risk_score !== undefined && (
            <Fact label="Risk score">
              <Badge variant="light" color={riskTier(a.risk_score).color}>
                {Math.round(a.risk_score)} · {riskTier(a.risk_score).label}
              </Badge>
            </Fact>
          )}
          {a.calibration && (
            <Fact label="Calibration">
              <Badge variant="dot" color={calibrationLook(a.calibration).color}>
                {calibrationLook(a.calibration).label}
              </Badge>
            </Fact>
          )}
        </SimpleGrid>
        {a.status === 'failed' && (
          <Alert color="red" variant="light" title="The submission failed">
            <Text size="sm">
              The student's answers are saved, but grading them failed. Force-submit the attempt to grade it again.
            </Text>
            {a.failure_reason && (
              <Text size="xs" ff="monospace" mt={6} style={{ overflowWrap: 'anywhere' }}>
                {a.failure_reason}
              </Text>
            )}
          </Alert>
        )}
        {a.needs_grading && pending > 0 && (
          <Group gap="xs">
            <Badge color="orange" variant="light">
              Needs grading
            </Badge>
            <Text size="sm" c="dimmed">
              {pending === 1 ? '1 answer waits' : `${pending} answers wait`} for your mark; the score counts only graded answers.
            </Text>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
