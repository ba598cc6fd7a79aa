import { Alert, Anchor, Badge, Box, Button, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconFileTypeHtml, IconFileTypePdf, IconVideoOff } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/queries';
import type { ProctorFlag, ProctorMedia, ReviewPacket, ReviewRequest } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CARD_PX, PageHeader, Section } from '../../components/Page';
import { formatDateTime } from '../../lib/format';
import { DASH, formatClock, formatPoints, statusLabel, STATUS_COLORS } from '../results/format';
import { RiskBadge } from '../results/proctoring/RiskBadge';
import { SnapshotModal } from '../results/proctoring/SnapshotModal';
import { reportUrl, reviewApi, reviewKeys } from './api';
import { Card, ConfirmedList, IdentityCard, RulesCard, SummaryCard } from './Cards';
import { appealLook, reviewLook } from './look';
import { AppealCard, NameMismatchModal, ReviewForm, WarningModal, type NextState } from './ReviewForm';
import { SessionLog } from './SessionLog';
import { formatTimecode, secondsSince, timelineToIso } from './sync';
import { SyncedPlayer, type PlayerHandle } from './SyncedPlayer';
import { useReviewActions } from './useReviewActions';

const UNFINISHED = new Set(['in_progress', 'paused']);

/** `/review/:attemptId`: everything needed to approve or decline one attempt. */
export function ReviewPacketPage() {
  const { attemptId = '' } = useParams();
  // A new attempt starts with a fresh page (form, player, next link).
  return <PacketView key={attemptId} attemptId={attemptId} />;
}

function PacketView({ attemptId }: { attemptId: string }) {
  const [params] = useSearchParams();
  const examFilter = params.get('exam_id');
  const linkTo = (id: string) => `/review/${encodeURIComponent(id)}${examFilter ? `?exam_id=${encodeURIComponent(examFilter)}` : ''}`;
  const backTo = `/review${examFilter ? `?exam_id=${encodeURIComponent(examFilter)}` : ''}`;

  const packet = useQuery({ queryKey: reviewKeys.packet(attemptId), queryFn: () => reviewApi.packet(attemptId) });

  if (packet.error) {
    return (
      <>
        <BackLink to={backTo} />
        <PageHeader title="Review" />
        <ErrorAlert error={packet.error} title="Could not load this attempt" />
      </>
    );
  }
  if (!packet.data) {
    return (
      <>
        <BackLink to={backTo} />
        <Stack gap="lg" aria-busy>
          <Skeleton h={36} w="40%" />
          <Skeleton h={70} />
          <Skeleton h={320} />
        </Stack>
      </>
    );
  }
  return <Packet packet={packet.data} linkTo={linkTo} backTo={backTo} examFilter={examFilter} />;
}

function BackLink({ to }: { to: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={14} aria-hidden /> Review queue
    </Anchor>
  );
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

interface PacketProps {
  packet: ReviewPacket;
  linkTo: (id: string) => string;
  backTo: string;
  examFilter: string | null;
}

function Packet({ packet, linkTo, backTo, examFilter }: PacketProps) {
  const attemptId = packet.attempt_id;
  const { data: me } = useMe();
  const meId = me?.user.id ?? null;
  const actions = useReviewActions(attemptId);
  const player = useRef<PlayerHandle>(null);

  const p = packet.proctoring;
  const s = p.scores;
  const media = useMemo(() => new Map<string, ProctorMedia>(p.media.map((m) => [m.id, m])), [p.media]);
  const flags = useMemo(
    () => [...p.flags].sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at)),
    [p.flags],
  );
  const undecided = flags.filter((f) => f.decision === 'undecided').length;
  const hasVideo = packet.recordings.length > 0;
  const playerBox = useRef<HTMLDivElement>(null);
  const seek = hasVideo
    ? (t: number) => {
        player.current?.seek(t);
        // Bring the videos back into view when the list was scrolled past them.
        const box = playerBox.current?.getBoundingClientRect();
        if (box && (box.bottom < 80 || box.top > window.innerHeight)) playerBox.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
      }
    : undefined;
  const blocked = UNFINISHED.has(packet.status) ? 'The student is still writing this attempt: review it once it is submitted.' : null;

  const [opened, setOpened] = useState<ProctorMedia | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [warningAt, setWarningAt] = useState<number | null>(null);
  const [removing, setRemoving] = useState<ProctorFlag | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [next, setNext] = useState<NextState | null>(null);
  const [appealPending, setAppealPending] = useState<'upheld' | 'rejected' | null>(null);

  const findNext = async () => {
    setNext({ status: 'loading' });
    try {
      const found = await reviewApi.next(attemptId, examFilter);
      setNext({ status: 'done', attemptId: found.attempt_id });
    } catch {
      setNext({ status: 'error' });
    }
  };

  const send = (body: ReviewRequest, after?: () => void) =>
    actions.review.mutate(body, {
      onSuccess: (review) => {
        notifications.show({ color: review.status === 'approved' ? 'green' : 'red', message: `Review sent: ${reviewLook(review.status).label}.` });
        after?.();
        void findNext();
      },
    });

  const openWarning = () => {
    player.current?.pause();
    setWarningAt(player.current?.time() ?? 0);
  };

  const status = statusLabel(packet.status);
  const review = reviewLook(packet.review.status);
  const appeal = packet.appeal ? appealLook(packet.appeal.status) : null;

  return (
    <>
      <BackLink to={backTo} />
      <PageHeader
        title={packet.name}
        description={
          <>
            Roll {packet.roll_number} · {packet.exam_title} · {packet.submitted_at ? `submitted ${formatDateTime(packet.submitted_at)}` : `started ${formatDateTime(packet.started_at)}`}
          </>
        }
        actions={
          <Group gap="xs">
            <Button component="a" href={reportUrl(attemptId, 'pdf')} target="_blank" rel="noopener" variant="default" size="sm" leftSection={<IconFileTypePdf size={16} aria-hidden />}>
              PDF report
            </Button>
            <Button component="a" href={reportUrl(attemptId, 'html')} target="_blank" rel="noopener" variant="default" size="sm" leftSection={<IconFileTypeHtml size={16} aria-hidden />}>
              HTML report
            </Button>
          </Group>
        }
      />

      <Stack gap="lg">
        <Paper shadow="xs" px={CARD_PX} py="md" component="section" aria-label="Scores">
          <Group gap="xl" align="flex-start" wrap="wrap">
            <Figure label="Status">
              <Badge color={STATUS_COLORS[packet.status] ?? 'gray'} variant="light">
                {status}
              </Badge>
            </Figure>
            <Figure label="Integrity">
              <Text fz={22} fw={700} lh={1} data-testid="integrity">
                {s.integrity === null ? DASH : Math.round(s.integrity)}
              </Text>
            </Figure>
            <Figure label="Risk">
              <RiskBadge risk={s.risk} tier={s.risk_tier} withLabel size="lg" />
            </Figure>
            <Figure label="Violations">
              <Text fz={22} fw={700} lh={1}>
                {s.violations}
              </Text>
            </Figure>
            <Figure label="Undecided">
              <Text fz={22} fw={700} lh={1} c={undecided > 0 ? 'orange.7' : undefined} data-testid="undecided">
                {undecided}
              </Text>
            </Figure>
            <Figure label="Score">
              <Text fz={22} fw={700} lh={1}>
                {packet.score === null ? DASH : `${formatPoints(packet.score)} / ${formatPoints(packet.max_score)}`}
              </Text>
            </Figure>
            <Figure label="Review">
              <Group gap={6}>
                <Badge color={review.color} variant={packet.review.status === 'pending' ? 'outline' : 'filled'}>
                  {review.label}
                </Badge>
                {appeal && <Badge color={appeal.color}>{appeal.label}</Badge>}
              </Group>
            </Figure>
          </Group>
        </Paper>

        {packet.appeal?.status === 'open' && (
          <Alert color="orange" variant="light" py="xs" icon={<IconAlertTriangle size={18} />}>
            The student appealed: read the appeal next to the review form, then uphold or reject it.
          </Alert>
        )}

        {hasVideo ? (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
              <Stack gap="lg">
                <IdentityCard packet={packet} media={media} onOpen={setOpened} onNameMismatch={() => setMismatch(true)} canReview={!blocked} />
                <RulesCard allowed={packet.rules_allowed} prohibited={packet.rules_prohibited} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 8, xl: 9 }}>
              <div ref={playerBox} style={{ scrollMarginTop: 76 }}>
                <Section
                  title="Recordings"
                  description="Webcam and screen on one timeline. Click a flag marker or a row of the session log to jump to it."
                >
                  <SyncedPlayer
                    ref={player}
                    recordings={packet.recordings}
                    timelineStart={packet.timeline_start}
                    flags={flags}
                    actions={
                      <Button size="sm" color="orange" variant="light" leftSection={<IconAlertTriangle size={16} aria-hidden />} onClick={openWarning}>
                        Add warning
                      </Button>
                    }
                  />
                </Section>
              </div>
            </Grid.Col>
          </Grid>
        ) : (
          // No videos: the three small cards share a row instead of leaving an empty column.
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
            <IdentityCard packet={packet} media={media} onOpen={setOpened} onNameMismatch={() => setMismatch(true)} canReview={!blocked} />
            <RulesCard allowed={packet.rules_allowed} prohibited={packet.rules_prohibited} />
            <Card
              title="Recordings"
              id="recordings-heading"
              actions={
                <Button size="xs" color="orange" variant="light" leftSection={<IconAlertTriangle size={14} aria-hidden />} onClick={openWarning}>
                  Add warning
                </Button>
              }
            >
              <Group gap="sm" c="dimmed" wrap="nowrap" align="flex-start">
                <IconVideoOff size={20} aria-hidden style={{ flex: 'none' }} />
                <Text size="sm" c="dimmed">
                  This attempt has no recordings; its snapshots are in the session log.
                </Text>
              </Group>
            </Card>
          </SimpleGrid>
        )}

        <Section
          title="Session log"
          description="Every flag of the sitting (AI, browser and proctor) in time order. Confirm or dismiss each; a suggestion is never a decision."
          flush
        >
          <SessionLog
            flags={flags}
            timelineStart={packet.timeline_start}
            media={media}
            attemptId={attemptId}
            meId={meId}
            onSeek={seek}
            selectedId={selected}
            onSelect={(f) => setSelected(f.id)}
            onDecide={(flag, decision) => actions.decide.mutate({ flag, decision })}
            pendingFlagId={actions.decide.isPending ? (actions.decide.variables?.flag.id ?? null) : null}
            onRemove={setRemoving}
            onOpenMedia={setOpened}
          />
        </Section>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Box style={{ alignSelf: 'start' }}>
            <ReviewForm
              review={packet.review}
              blocked={blocked}
              onSend={(body) => send(body)}
              sending={actions.review.isPending && !mismatch}
              error={mismatch ? null : actions.review.error}
              next={next}
              linkTo={linkTo}
            />
          </Box>
          <Stack gap="lg">
            {packet.appeal && (
              <AppealCard
                appeal={packet.appeal}
                pending={appealPending}
                error={actions.appeal.error}
                onResolve={(status, resolution) => {
                  setAppealPending(status);
                  actions.appeal.mutate(
                    { status, resolution },
                    {
                      onSuccess: () => notifications.show({ color: 'green', message: `Appeal ${status}.` }),
                      onSettled: () => setAppealPending(null),
                    },
                  );
                }}
              />
            )}
            <SummaryCard attemptId={attemptId} />
            <ConfirmedList flags={flags} timelineStart={packet.timeline_start} onSeek={seek} />
          </Stack>
        </SimpleGrid>
      </Stack>

      <SnapshotModal attemptId={attemptId} media={opened} onClose={() => setOpened(null)} />

      {warningAt !== null && (
        <WarningModal
          opened
          at={warningAt}
          clock={(t) => formatClock(timelineToIso(packet.timeline_start, t))}
          loading={actions.addWarning.isPending}
          error={actions.addWarning.error}
          onClose={() => {
            setWarningAt(null);
            actions.addWarning.reset();
          }}
          onSave={(t, comment) =>
            actions.addWarning.mutate(
              { at: timelineToIso(packet.timeline_start, t), comment },
              {
                onSuccess: (flag) => {
                  setWarningAt(null);
                  setSelected(flag.id);
                  notifications.show({ color: 'orange', message: 'Warning added.' });
                },
              },
            )
          }
        />
      )}

      {mismatch && (
        <NameMismatchModal
          opened
          name={packet.name}
          loading={actions.review.isPending}
          error={actions.review.error}
          onClose={() => {
            setMismatch(false);
            actions.review.reset();
          }}
          onConfirm={(comment) => send({ status: 'declined', comment, name_mismatch: true }, () => setMismatch(false))}
        />
      )}

      <ConfirmModal
        opened={removing !== null}
        title="Remove this warning?"
        confirmLabel="Remove"
        loading={actions.removeWarning.isPending}
        error={actions.removeWarning.error}
        onClose={() => {
          setRemoving(null);
          actions.removeWarning.reset();
        }}
        onConfirm={() =>
          removing &&
          actions.removeWarning.mutate(removing, {
            onSuccess: () => {
              setRemoving(null);
              notifications.show({ message: 'Warning removed.' });
            },
          })
        }
      >
        {removing
          ? `Your warning at ${formatTimecode(secondsSince(packet.timeline_start, removing.started_at))}${removing.comment ? ` (“${removing.comment}”)` : ''} will be removed and the scores recomputed.`
          : ''}
      </ConfirmModal>
    </>
  );
}

