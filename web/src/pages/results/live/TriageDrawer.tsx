import { Anchor, Badge, Drawer, Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconExternalLink } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { LiveSession, ProctorMedia } from '../../../api/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PHONE_QUERY } from '../../../components/TableStates';
import { StatusBadge } from '../StatusBadge';
import { proctoringApi, proctoringKeys } from '../proctoring/api';
import { RiskBadge } from '../proctoring/RiskBadge';
import { SnapshotModal } from '../proctoring/SnapshotModal';
import type { WrittenAction } from './ActionModal';
import { ActionButtons } from './ActionsMenu';
import { ChatPanel } from './ChatPanel';
import { isActive } from './liveData';
import { TriageOverview } from './TriageOverview';
import { ActionTimeline, FlagTimeline } from './TriageTimeline';
import type { ActionTarget } from './useLiveActions';

export type TriageTab = 'overview' | 'flags' | 'actions' | 'chat';

interface Props {
  attemptId: string;
  /** The table's row, shown while the panel loads. */
  row: LiveSession | undefined;
  tab: TriageTab;
  onTab: (tab: TriageTab) => void;
  onClose: () => void;
  unread: number;
  onAsk: (action: WrittenAction, target: ActionTarget) => void;
  onRun: (action: 'pause' | 'resume', target: ActionTarget) => void;
  pending: boolean;
  /** A dialog is open on top: Escape closes it, not the panel. */
  dialogOpen: boolean;
}

/** The candidate triage panel: one attempt's live picture, its timelines, the actions and a chat. */
export function TriageDrawer({ attemptId, row, tab, onTab, onClose, unread, onAsk, onRun, pending, dialogOpen }: Props) {
  const phone = useMediaQuery(PHONE_QUERY, false);
  const [enlarged, setEnlarged] = useState<ProctorMedia | null>(null);
  const triage = useQuery({ queryKey: proctoringKeys.triage(attemptId), queryFn: () => proctoringApi.triage(attemptId) });
  const record = useQuery({ queryKey: proctoringKeys.record(attemptId), queryFn: () => proctoringApi.record(attemptId) });
  const media = useMemo(() => new Map((record.data?.media ?? []).map((m) => [m.id, m])), [record.data]);
  const current = triage.data?.row ?? row;
  const flags = record.data?.flags;
  // Four tabs fit one row on a phone only when tight.
  const tabProps = phone ? { px: 6, fz: 'sm' } : {};

  const title = current ? (
    <Group gap="xs" wrap="wrap">
      <Text fw={700} size="lg">
        {current.name}
      </Text>
      <StatusBadge status={current.status} size="sm" />
      <RiskBadge risk={current.live_risk} tier={current.tier} withLabel size="sm" />
    </Group>
  ) : (
    'Session'
  );

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      // Below Mantine's modals (200), so the action, snapshot and confirm dialogs open on top.
      zIndex={150}
      closeOnEscape={!dialogOpen && !enlarged}
      overlayProps={{ backgroundOpacity: 0.25 }}
      title={title}
      aria-label={current ? `Triage: ${current.name}` : 'Triage'}
      closeButtonProps={{ 'aria-label': 'Close the panel' }}
    >
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {current?.roll_number}
            {triage.data && ` · ${triage.data.exam_title}`}
          </Text>
          <Anchor component={Link} to={`/attempts/${attemptId}?tab=proctoring`} size="sm" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
            Full review <IconExternalLink size={14} aria-hidden />
          </Anchor>
        </Group>
        {current && <ActionButtons target={current} onAsk={onAsk} onRun={onRun} pending={pending} />}
        {current?.end_reason && (
          <Text size="sm" c="dimmed">
            Ended: {current.end_reason}
          </Text>
        )}
        <Tabs value={tab} onChange={(v) => v && onTab(v as TriageTab)} keepMounted={false}>
          <Tabs.List grow={phone}>
            <Tabs.Tab value="overview" {...tabProps}>Overview</Tabs.Tab>
            <Tabs.Tab value="flags" {...tabProps}>Flags{flags ? ` (${flags.length})` : ''}</Tabs.Tab>
            <Tabs.Tab value="actions" {...tabProps}>Actions{triage.data ? ` (${triage.data.actions.length})` : ''}</Tabs.Tab>
            <Tabs.Tab
              value="chat"
              {...tabProps}
              rightSection={unread > 0 ? <Badge size="xs" color="red" circle aria-label={`${unread} unread`}>{unread}</Badge> : undefined}
            >
              Chat
            </Tabs.Tab>
          </Tabs.List>

          <Tabs.Panel value="overview" pt="md">
            {triage.error ? (
              <ErrorAlert error={triage.error} title="Could not load this session" />
            ) : triage.data ? (
              <TriageOverview triage={triage.data} fetchedAt={triage.dataUpdatedAt} media={media} onOpenMedia={setEnlarged} />
            ) : (
              <Stack gap="sm" aria-hidden>
                <Skeleton h={110} />
                <Skeleton h={80} />
                <Skeleton h={140} />
              </Stack>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="flags" pt="md">
            {record.error ? (
              <ErrorAlert error={record.error} title="Could not load the flags" />
            ) : (
              <FlagTimeline attemptId={attemptId} flags={flags} media={media} onOpenMedia={setEnlarged} />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="actions" pt="md">
            {triage.data ? <ActionTimeline actions={triage.data.actions} /> : <ErrorAlert error={triage.error} title="Could not load the actions" />}
          </Tabs.Panel>
          <Tabs.Panel value="chat" pt="md">
            <ChatPanel
              attemptId={attemptId}
              name={current?.name ?? 'the student'}
              active={current ? isActive(current.status) : true}
              height={phone ? 'calc(100dvh - 330px)' : 'calc(100dvh - 300px)'}
            />
          </Tabs.Panel>
        </Tabs>
      </Stack>
      {/* Mounted only while open, so that the panel hears Escape first and leaves it to the photo. */}
      {enlarged && <SnapshotModal attemptId={attemptId} media={enlarged} onClose={() => setEnlarged(null)} />}
    </Drawer>
  );
}
