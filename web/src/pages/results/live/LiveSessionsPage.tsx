import { Anchor, Group, SegmentedControl, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMe, useMembers } from '../../../api/queries';
import type { LiveAlert, LiveSession } from '../../../api/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader, Section } from '../../../components/Page';
import { PHONE_QUERY } from '../../../components/TableStates';
import { resultKeys, resultsApi } from '../api';
import { proctoringApi, proctoringKeys } from '../proctoring/api';
import type { SortOrder } from '../types';
import { AlertFeed } from './AlertFeed';
import { BroadcastButton } from './BroadcastButton';
import { FIRST_ORDER, isActive, sortRows, TIER_FILTERS, tierGroup, type LiveSort, type TierFilter } from './liveData';
import { LiveTable } from './LiveTable';
import { ProctorsButton } from './ProctorsButton';
import { StreamingIndicator } from './StreamingIndicator';
import { TriageDrawer, type TriageTab } from './TriageDrawer';
import { useLiveActions } from './useLiveActions';
import { useLiveFeed } from './useLiveFeed';
import { useNow } from './useNow';

const TABS: TriageTab[] = ['overview', 'flags', 'actions', 'chat'];

/** Whose sessions the table and the alerts show, once proctors are on duty. */
type Scope = 'mine' | 'everyone';
const SCOPES: { value: Scope; label: string }[] = [
  { value: 'mine', label: 'Mine' },
  { value: 'everyone', label: 'Everyone' },
];

/**
 * /exams/:examId/live: everyone sitting (or who sat) the exam, riskiest first, streamed over
 * the teacher socket; the alert feed below it (the table needs the page's full width); a row or an alert opens the triage panel
 * (`?attempt=…&tab=…`, so a link can open it; the panel does not add history entries).
 * With proctors on duty (the Proctors dialog), each row names its proctor and "Mine" narrows
 * the table and the alerts to the signed-in user's students (the default for those on duty).
 */
export function LiveSessionsPage() {
  const { examId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const openId = params.get('attempt');
  const tabParam = params.get('tab') as TriageTab | null;
  const tab: TriageTab = tabParam && TABS.includes(tabParam) ? tabParam : 'overview';
  const [sort, setSort] = useState<{ by: LiveSort; order: SortOrder }>({ by: 'risk', order: 'desc' });
  const [tier, setTier] = useState<TierFilter>('all');
  const [scopeChoice, setScope] = useState<Scope | null>(null);
  const now = useNow(15_000);
  const phone = useMediaQuery(PHONE_QUERY, false);

  const exam = useQuery({ queryKey: resultKeys.exam(examId), queryFn: () => resultsApi.exam(examId) });
  const { rows: live, alerts, unread, markRead } = useLiveFeed({
    examId,
    openAttemptId: openId,
    chatAttemptId: openId && tab === 'chat' ? openId : null,
  });
  const actions = useLiveActions();
  const meId = useMe().data?.user.id;
  const duty = useQuery({ queryKey: proctoringKeys.proctors(examId), queryFn: () => proctoringApi.proctors(examId) });
  const roster = duty.data?.proctors ?? [];
  const onDuty = roster.length > 0;
  // A student may still be with someone who has left the roster: the members list names them.
  const members = useMembers(onDuty);
  const scope: Scope = onDuty ? (scopeChoice ?? (roster.some((p) => p.user_id === meId) ? 'mine' : 'everyone')) : 'everyone';

  useEffect(() => {
    if (openId && tab === 'chat' && unread[openId]) markRead(openId);
  }, [openId, tab, unread, markRead]);

  const open = (attemptId: string, next: TriageTab = 'overview') =>
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        q.set('attempt', attemptId);
        q.set('tab', next);
        return q;
      },
      { replace: true },
    );
  const close = () =>
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        q.delete('attempt');
        q.delete('tab');
        return q;
      },
      { replace: true },
    );

  const all = live.data;
  const scoped = all && scope === 'mine' ? all.filter((r) => r.proctor_id === meId) : all;
  const rows = scoped ? sortRows(tier === 'all' ? scoped : scoped.filter((r) => tierGroup(r) === tier), sort.by, sort.order) : undefined;
  const active = all?.filter((r) => isActive(r.status)).length ?? 0;
  const shownActive = scoped?.filter((r) => isActive(r.status)).length ?? 0;
  const mineIds = scope === 'mine' ? new Set(scoped?.map((r) => r.attempt_id)) : null;
  const shownAlerts = mineIds ? alerts.data?.filter((a) => mineIds.has(a.attempt_id)) : alerts.data;
  const names = new Map([...(members.data ?? []), ...roster].map((p) => [p.user_id, p.name]));
  const proctorOf =
    onDuty && scope === 'everyone'
      ? (r: LiveSession) => (!r.proctor_id ? null : r.proctor_id === meId ? 'you' : (names.get(r.proctor_id) ?? null))
      : undefined;
  const openRow = all?.find((r) => r.attempt_id === openId);
  const onSort = (by: LiveSort) =>
    setSort((s) => ({ by, order: s.by === by ? (s.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[by] }));

  return (
    <>
      <Anchor component={Link} to={`/exams/${examId}/results`} size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> {exam.data ? `${exam.data.title} results` : 'Results'}
      </Anchor>
      <PageHeader
        title={exam.data ? `${exam.data.title} — live sessions` : 'Live sessions'}
        description="Who is writing now and how risky each session looks. Click a session or an alert to triage it."
        actions={
          <Group gap="md">
            <StreamingIndicator />
            <ProctorsButton examId={examId} duty={duty} meId={meId} />
            <BroadcastButton examId={examId} disabled={!!exam.error || active === 0} />
          </Group>
        }
      />
      {exam.error ? (
        <ErrorAlert error={exam.error} title="Could not load this exam" />
      ) : (
        <Stack gap="lg">
          <Section
            title="Sessions"
            description={
              scoped ? `${shownActive} active · ${scoped.length} ${scope === 'mine' ? 'assigned to you' : 'in all'}` : undefined
            }
            actions={
              <Group gap="xs">
                {onDuty && (
                  <SegmentedControl
                    size="xs"
                    aria-label="Whose sessions"
                    value={scope}
                    onChange={(v) => setScope(v as Scope)}
                    data={SCOPES}
                  />
                )}
                <SegmentedControl
                  size="xs"
                  aria-label="Risk tier"
                  value={tier}
                  onChange={(v) => setTier(v as TierFilter)}
                  data={TIER_FILTERS}
                />
              </Group>
            }
            flush
          >
            {live.error && all && (
              <ErrorAlert error={live.error} title="Could not refresh; showing the last figures" mx={{ base: 'md', sm: 'lg' }} mb="sm" />
            )}
            {live.error && !all ? (
              <ErrorAlert error={live.error} title="Could not load the sessions" mx={{ base: 'md', sm: 'lg' }} mb="lg" />
            ) : (
              <LiveTable
                rows={rows}
                sort={sort}
                onSort={onSort}
                selected={openId}
                onOpen={(r: LiveSession, t) => open(r.attempt_id, t)}
                unread={unread}
                onAsk={actions.ask}
                onRun={actions.run}
                pendingFor={actions.pendingFor}
                now={now}
                proctorOf={proctorOf}
                empty={
                  !all || all.length === 0
                    ? 'Nobody has started this exam yet. Sessions appear here as students join.'
                    : scoped?.length === 0
                      ? 'No session is assigned to you yet. Everyone shows the whole exam.'
                      : 'No session in this tier.'
                }
              />
            )}
          </Section>
          <Section
            title="Alerts"
            description={`Newest first${scope === 'mine' ? ', your students only' : ''}; click one to triage that student.`}
            flush
          >
            <AlertFeed alerts={shownAlerts} error={alerts.error} onOpen={(a: LiveAlert) => open(a.attempt_id, 'flags')} now={now} height={phone ? 420 : 360} />
          </Section>
        </Stack>
      )}
      {openId && (
        <TriageDrawer
          key={openId}
          attemptId={openId}
          row={openRow}
          tab={tab}
          onTab={(t) => open(openId, t)}
          onClose={close}
          unread={unread[openId] ?? 0}
          onAsk={actions.ask}
          onRun={actions.run}
          pending={actions.pendingFor === openId}
          dialogOpen={actions.dialogOpen}
        />
      )}
      {actions.modal}
    </>
  );
}
