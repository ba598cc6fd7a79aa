import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconRotate } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ProctoringScores, Verdict } from '../../../api/types';
import { CARD_PX } from '../../../components/Page';
import { formatDateTime } from '../../../lib/format';
import { DASH, verdictLook } from '../format';
import { RiskBadge } from './RiskBadge';

function Figure({ label, hint, children }: { label: string; hint: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <div>{children}</div>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Stack>
  );
}

interface Props {
  scores: ProctoringScores;
  onVerdict: (verdict: Verdict) => void;
  /** The verdict being saved, while it is. */
  pending: Verdict | null;
}

/** Integrity (credibility index), risk, live risk and the human verdict with its buttons. */
export function ScoresCard({ scores: s, onVerdict, pending }: Props) {
  const look = verdictLook(s.verdict);
  const busy = pending !== null;
  return (
    <Paper component="section" shadow="xs" px={CARD_PX} py="md" aria-labelledby="scores-heading">
      <Title order={3} fz="md" id="scores-heading" mb="sm">
        Scores
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" verticalSpacing="md">
        <Figure label="Integrity" hint="Credibility index: 100 is clean">
          <Text fz={28} fw={700} lh={1} data-testid="integrity">
            {s.integrity === null ? DASH : Math.round(s.integrity)}
          </Text>
        </Figure>
        <Figure label="Risk" hint={s.risk === null ? 'Set once the attempt is submitted' : '100 − integrity'}>
          <RiskBadge risk={s.risk} tier={s.risk_tier} withLabel size="lg" />
        </Figure>
        <Figure label="Live risk" hint="Rises with new flags, fades as they age">
          <RiskBadge risk={s.live_risk} tier={s.live_tier} withLabel size="lg" variant="outline" />
        </Figure>
        <Figure label="Violations" hint="Flags not dismissed">
          <Text fz={28} fw={700} lh={1}>
            {s.violations}
          </Text>
        </Figure>
      </SimpleGrid>
      <Paper withBorder radius="md" px="md" py="sm" mt="md" bg="var(--mantine-color-gray-0)">
        <Group justify="space-between" gap="sm" align="center">
          <Stack gap={2}>
            <Group gap="xs">
              <Text size="sm" fw={600}>
                Verdict
              </Text>
              <Badge color={look.color} variant={s.verdict === 'none' ? 'outline' : 'filled'} data-testid="verdict">
                {look.label}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {s.verdict === 'none'
                ? 'A flag never fails a student by itself: only your verdict does.'
                : `Set by ${s.verdict_by ?? 'someone no longer in the organization'}${s.verdict_at ? ` on ${formatDateTime(s.verdict_at)}` : ''}.`}
            </Text>
          </Stack>
          <Group gap="xs">
            <Button
              size="xs"
              color="green"
              variant={s.verdict === 'clear' ? 'filled' : 'light'}
              leftSection={<IconCircleCheck size={14} aria-hidden />}
              onClick={() => onVerdict('clear')}
              loading={pending === 'clear'}
              disabled={busy || s.verdict === 'clear'}
            >
              Clear
            </Button>
            <Button
              size="xs"
              color="red"
              variant={s.verdict === 'escalate' ? 'filled' : 'light'}
              leftSection={<IconAlertTriangle size={14} aria-hidden />}
              onClick={() => onVerdict('escalate')}
              loading={pending === 'escalate'}
              disabled={busy || s.verdict === 'escalate'}
            >
              Escalate
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRotate size={14} aria-hidden />}
              onClick={() => onVerdict('none')}
              loading={pending === 'none'}
              disabled={busy || s.verdict === 'none'}
            >
              Reset
            </Button>
          </Group>
        </Group>
      </Paper>
    </Paper>
  );
}
