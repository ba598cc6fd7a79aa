import { Badge, Box, Button, Center, Group, Image, Paper, Skeleton, Stack, Text, ThemeIcon, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ProctorFlag, ProctorMedia, ReviewPacket } from '../../api/types';
import { CARD_PX } from '../../components/Page';
import { mediaUrl } from '../results/proctoring/api';
import { reviewApi, reviewKeys } from './api';
import { ruleIcon } from './look';
import { formatTimecode, secondsSince } from './sync';

export function Card({ title, id, actions, children }: { title: string; id: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" shadow="xs" px={CARD_PX} py="md" aria-labelledby={id} h="100%">
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Title order={2} fz="md" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

function Photo({ attemptId, media, id, label, onOpen }: { attemptId: string; media: ProctorMedia | undefined; id: string | null; label: string; onOpen: (m: ProctorMedia) => void }) {
  // The packet lists the media it knows; an id without its entry is still shown.
  const shown = media ?? (id ? { id, kind: label === 'Selfie' ? 'selfie' : 'id_document', taken_at: '', width: null, height: null, size: 0 } : undefined);
  if (!shown) {
    return (
      <Center h={60} bg="var(--mantine-color-gray-1)" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
        <Stack gap={4} align="center">
          <IconPhotoOff size={18} color="var(--mantine-color-gray-5)" aria-hidden />
          <Text size="xs" c="dimmed" ta="center" lh={1.1}>
            No {label.toLowerCase()}
          </Text>
        </Stack>
      </Center>
    );
  }
  return (
    <UnstyledButton onClick={() => onOpen(shown)} aria-label={`Enlarge the ${label.toLowerCase()}`}>
      <Image src={mediaUrl(attemptId, shown.id)} alt={label} h={60} w={80} radius="sm" fit="cover" />
    </UnstyledButton>
  );
}

interface IdentityProps {
  packet: ReviewPacket;
  media: Map<string, ProctorMedia>;
  onOpen: (m: ProctorMedia) => void;
  onNameMismatch: () => void;
  canReview: boolean;
}

/** The ID photo next to the registered name (with "Name does not match"), and the selfie. */
export function IdentityCard({ packet, media, onOpen, onNameMismatch, canReview }: IdentityProps) {
  const p = packet.proctoring;
  const doc = p.id_document_id ? media.get(p.id_document_id) : undefined;
  const selfie = p.selfie_id ? media.get(p.selfie_id) : undefined;
  return (
    <Card title="Identity" id="identity-heading">
      <Stack gap="sm">
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <Box w={80} style={{ flex: 'none' }}>
            <Photo attemptId={packet.attempt_id} media={doc} id={p.id_document_id} label="ID photo" onOpen={onOpen} />
          </Box>
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              Registered name
            </Text>
            <Text size="sm" fw={600} lh={1.3} style={{ overflowWrap: 'break-word' }} data-testid="registered-name">
              {packet.name}
            </Text>
            <Text size="xs" c="dimmed">
              Roll {packet.roll_number}
            </Text>
          </Stack>
        </Group>
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <Box w={80} style={{ flex: 'none' }}>
            <Photo attemptId={packet.attempt_id} media={selfie} id={p.selfie_id} label="Selfie" onOpen={onOpen} />
          </Box>
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              Selfie
            </Text>
            <Text size="xs" c="dimmed">
              {selfie || p.selfie_id ? 'Taken before the exam. Click to enlarge.' : 'None was taken before the exam.'}
            </Text>
          </Stack>
        </Group>
        <Button
          size="xs"
          color="red"
          variant="light"
          fullWidth
          onClick={onNameMismatch}
          disabled={!canReview}
        >
          Name does not match
        </Button>
      </Stack>
    </Card>
  );
}

function RuleIcons({ rules, allowed }: { rules: string[]; allowed: boolean }) {
  return (
    <Group gap={8} role="list" aria-label={allowed ? 'Allowed' : 'Prohibited'}>
      {rules.map((rule, i) => {
        const Icon = ruleIcon(rule, allowed);
        const label = `${allowed ? 'Allowed' : 'Prohibited'}: ${rule}`;
        return (
          <Tooltip key={i} label={label} withArrow multiline maw={260}>
            <ThemeIcon
              role="listitem"
              aria-label={label}
              size={36}
              radius="xl"
              variant="light"
              color={allowed ? 'green' : 'red'}
              style={allowed ? undefined : { boxShadow: 'inset 0 0 0 2px var(--mantine-color-red-4)' }}
            >
              <Icon size={20} stroke={1.7} aria-hidden />
            </ThemeIcon>
          </Tooltip>
        );
      })}
    </Group>
  );
}

/** The exam's rules as icons; the rule's words are in the tooltip. */
export function RulesCard({ allowed, prohibited }: { allowed: string[]; prohibited: string[] }) {
  return (
    <Card title="Exam rules" id="rules-heading">
      {allowed.length === 0 && prohibited.length === 0 ? (
        <Text size="sm" c="dimmed">
          No rules were set for this exam.
        </Text>
      ) : (
        <Stack gap="sm">
          {allowed.length > 0 && (
            <Stack gap={4}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                Allowed
              </Text>
              <RuleIcons rules={allowed} allowed />
            </Stack>
          )}
          {prohibited.length > 0 && (
            <Stack gap={4}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                Prohibited
              </Text>
              <RuleIcons rules={prohibited} allowed={false} />
            </Stack>
          )}
        </Stack>
      )}
    </Card>
  );
}

/** The attempt in a few sentences; hidden when the server has none to give. */
export function SummaryCard({ attemptId }: { attemptId: string }) {
  const summary = useQuery({
    queryKey: reviewKeys.summary(attemptId),
    queryFn: () => reviewApi.summary(attemptId),
    retry: false,
  });
  if (summary.isError) return null;
  return (
    <Card
      title="AI summary"
      id="summary-heading"
      actions={
        summary.data && (
          <Badge size="xs" variant="outline" color="gray">
            {summary.data.source === 'llm' ? 'LLM' : 'Rules'}
          </Badge>
        )
      }
    >
      {summary.isPending ? (
        <Stack gap={6}>
          <Skeleton h={10} />
          <Skeleton h={10} />
          <Skeleton h={10} w="60%" />
        </Stack>
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {summary.data?.text || 'Nothing to summarise.'}
        </Text>
      )}
    </Card>
  );
}

/** The flags a reviewer confirmed (and the warnings reviewers added), in time order. */
export function ConfirmedList({ flags, timelineStart, onSeek }: { flags: ProctorFlag[]; timelineStart: string; onSeek?: (t: number) => void }) {
  const confirmed = flags.filter((f) => f.decision === 'confirmed');
  return (
    <Card title="Confirmed by Proctor" id="confirmed-heading">
      {confirmed.length === 0 ? (
        <Text size="sm" c="dimmed">
          No flag has been confirmed yet.
        </Text>
      ) : (
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Confirmed by Proctor">
          {confirmed.map((f) => {
            const at = secondsSince(timelineStart, f.started_at);
            return (
              <Group key={f.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
                <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                  {onSeek ? (
                    <UnstyledButton onClick={() => onSeek(at)} aria-label={`Play from ${formatTimecode(at)}`}>
                      <Text size="sm" ff="monospace" c="indigo">
                        {formatTimecode(at)}
                      </Text>
                    </UnstyledButton>
                  ) : (
                    <Text size="sm" ff="monospace">
                      {formatTimecode(at)}
                    </Text>
                  )}
                  <Text size="sm" truncate>
                    {f.label}
                    {f.comment ? ` — ${f.comment}` : ''}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {f.decided_by ?? f.created_by ?? ''}
                </Text>
              </Group>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
