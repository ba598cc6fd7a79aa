import { Anchor, Badge, Button, Checkbox, Group, Input, Modal, Paper, SegmentedControl, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { ReviewQueueItem } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader, Section } from '../../components/Page';
import { EmptyRow, TableSkeletonRows } from '../../components/TableStates';
import { formatDate } from '../../lib/format';
import { formatClock } from '../results/format';
import { examsApi } from '../exams/api';
import { resultKeys } from '../results/api';
import { Pager } from '../results/Pager';
import { RiskBadge } from '../results/proctoring/RiskBadge';
import { useTableParams } from '../results/useTableParams';
import { reviewApi, reviewKeys, type QueueQuery, type QueueStatus, type QueueTier } from './api';
import { appealLook, reviewLook } from './look';

const PAGE_SIZE = 25;

const TIERS = [
  { value: 'all', label: 'All' },
  { value: 'low', label: 'Low' },
  { value: 'moderate', label: 'Moderate' },
  { value: 'high', label: 'High' },
  { value: 'critical', label: 'Critical' },
];

const STATUSES = [
  { value: 'pending', label: 'Pending' },
  { value: 'approved', label: 'Approved' },
  { value: 'declined', label: 'Declined' },
  { value: 'all', label: 'All' },
];

const COLUMNS = ['Student', 'Exam', 'Submitted', 'Risk', 'Violations', 'Undecided', 'Review'];

type BulkStatus = 'approved' | 'declined';

/** `/review`: the archive of finished attempts waiting for (or given) a review. */
export function ReviewQueuePage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const table = useTableParams({ exam_id: '', tier: 'all', status: 'pending' });
  const tier = table.get('tier');
  const status = table.get('status');
  const q: QueueQuery = {
    examId: table.get('exam_id') || null,
    tier: TIERS.some((t) => t.value === tier) && tier !== 'all' ? (tier as QueueTier) : null,
    status: STATUSES.some((s) => s.value === status) ? (status as QueueStatus) : 'pending',
    page: table.page,
    pageSize: PAGE_SIZE,
  };

  const exams = useQuery({ queryKey: reviewKeys.exams, queryFn: () => examsApi.list({ page_size: 200 }) });
  const queue = useQuery({ queryKey: reviewKeys.queue(q), queryFn: () => reviewApi.queue(q), placeholderData: keepPreviousData });

  // Ticked attempts belong to the view they were ticked in.
  const viewKey = JSON.stringify(q);
  const [picked, setPicked] = useState<{ view: string; ids: Set<string> }>({ view: viewKey, ids: new Set() });
  const selected = picked.view === viewKey ? picked.ids : new Set<string>();
  const select = (ids: string[], checked: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (checked) next.add(id);
      else next.delete(id);
    }
    setPicked({ view: viewKey, ids: next });
  };
  const clear = () => setPicked({ view: viewKey, ids: new Set() });

  const [asking, setAsking] = useState<BulkStatus | null>(null);
  const [comment, setComment] = useState('');
  const bulk = useMutation({
    mutationFn: (v: { ids: string[]; status: BulkStatus; comment: string }) =>
      reviewApi.bulk({ attempt_ids: v.ids, status: v.status, comment: v.comment }),
    onSuccess: async (result, v) => {
      await Promise.all([qc.invalidateQueries({ queryKey: reviewKeys.all }), qc.invalidateQueries({ queryKey: resultKeys.all })]);
      notifications.show({
        color: v.status === 'approved' ? 'green' : 'red',
        message: `${result.updated === 1 ? '1 attempt' : `${result.updated} attempts`} ${v.status}.`,
      });
      setAsking(null);
      setComment('');
      clear();
    },
  });

  const examId = q.examId;
  const open = (row: ReviewQueueItem) =>
    navigate(`/review/${encodeURIComponent(row.attempt_id)}${examId ? `?exam_id=${encodeURIComponent(examId)}` : ''}`);
  const rows = queue.data?.items;
  const ids = rows?.map((r) => r.attempt_id) ?? [];
  const allPicked = ids.length > 0 && ids.every((id) => selected.has(id));
  const somePicked = ids.some((id) => selected.has(id));
  const filtered = !!(q.examId || q.tier);
  const examOptions = (exams.data?.items ?? []).map((e) => ({ value: e.id, label: e.title }));

  return (
    <>
      <PageHeader
        title="Review"
        description="Finished attempts waiting for a human decision: open one to watch its recordings, decide its flags and approve or decline it."
      />
      <Section title="Review queue" description="Open appeals first, then the riskiest. Tick attempts to approve or decline them together." flush>
        <Group px={{ base: 'md', sm: 'lg' }} pb="md" gap="md" align="flex-end">
          <Select
            label="Exam"
            placeholder="All exams"
            data={examOptions}
            value={q.examId}
            onChange={(v) => table.set({ exam_id: v })}
            searchable
            clearable
            nothingFoundMessage="No exam found"
            w={{ base: '100%', xs: 260 }}
          />
          <Stack gap={4}>
            <Input.Label labelElement="div" id="tier-label">
              Risk tier
            </Input.Label>
            <SegmentedControl size="sm" data={TIERS} value={q.tier ?? 'all'} onChange={(v) => table.set({ tier: v })} aria-labelledby="tier-label" />
          </Stack>
          <Stack gap={4}>
            <Input.Label labelElement="div" id="status-label">
              Review status
            </Input.Label>
            <SegmentedControl size="sm" data={STATUSES} value={q.status} onChange={(v) => table.set({ status: v })} aria-labelledby="status-label" />
          </Stack>
        </Group>

        {selected.size > 0 && (
          <Paper role="region" aria-label="Bulk review" mx={{ base: 'md', sm: 'lg' }} mb="sm" px="md" py="xs" bg="var(--mantine-color-indigo-light)">
            <Group gap="sm" justify="space-between">
              <Text size="sm" fw={500} aria-live="polite">
                {selected.size === 1 ? '1 attempt selected' : `${selected.size} attempts selected`}
              </Text>
              <Group gap="xs">
                <Button size="xs" color="green" variant="light" onClick={() => setAsking('approved')}>
                  Approve
                </Button>
                <Button size="xs" color="red" variant="light" onClick={() => setAsking('declined')}>
                  Decline
                </Button>
                <Button size="xs" variant="subtle" color="gray" onClick={clear}>
                  Clear selection
                </Button>
              </Group>
            </Group>
          </Paper>
        )}

        {queue.error ? (
          <ErrorAlert error={queue.error} title="Could not load the queue" mx={{ base: 'md', sm: 'lg' }} mb="lg" />
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table aria-label="Review queue" highlightOnHover verticalSpacing="sm" horizontalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label="Select all attempts shown"
                      checked={allPicked}
                      indeterminate={somePicked && !allPicked}
                      disabled={ids.length === 0}
                      onChange={(e) => select(ids, e.currentTarget.checked)}
                    />
                  </Table.Th>
                  {COLUMNS.map((c) => (
                    <Table.Th key={c}>{c}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {queue.isPending || !rows ? (
                  <TableSkeletonRows columns={[{ label: '' }, ...COLUMNS.map((label) => ({ label }))]} />
                ) : rows.length === 0 ? (
                  <EmptyRow columns={COLUMNS.length + 1}>
                    {q.status === 'pending'
                      ? filtered
                        ? 'No attempt with these filters is waiting for review.'
                        : 'Nothing to review: every finished attempt has been reviewed.'
                      : 'No attempts match these filters.'}
                  </EmptyRow>
                ) : (
                  rows.map((r) => <QueueRow key={r.attempt_id} row={r} picked={selected.has(r.attempt_id)} onPick={(c) => select([r.attempt_id], c)} onOpen={() => open(r)} />)
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Pager page={q.page} pageSize={PAGE_SIZE} total={queue.data?.total} onChange={(page) => table.set({ page })} noun="attempts" />
      </Section>

      <Modal
        opened={asking !== null}
        onClose={() => {
          setAsking(null);
          bulk.reset();
        }}
        title={asking === 'approved' ? 'Approve the selected attempts?' : 'Decline the selected attempts?'}
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (asking) bulk.mutate({ ids: [...selected], status: asking, comment: comment.trim() });
          }}
        >
          <Stack>
            <Text size="sm">
              {selected.size === 1 ? '1 attempt' : `${selected.size} attempts`} will be marked <b>{asking === 'approved' ? 'Approved' : 'Declined'}</b>
              {asking === 'approved' ? ' (verdict clear)' : ' (verdict escalate)'}, and their scores updated.
            </Text>
            <Textarea label="Comment" placeholder="Optional: kept with each review" autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
            <ErrorAlert error={bulk.error} title="Nothing was changed" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(null)} disabled={bulk.isPending}>
                Cancel
              </Button>
              <Button type="submit" color={asking === 'approved' ? 'green' : 'red'} loading={bulk.isPending}>
                {asking === 'approved' ? 'Approve' : 'Decline'} {selected.size}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function QueueRow({ row: r, picked, onPick, onOpen }: { row: ReviewQueueItem; picked: boolean; onPick: (checked: boolean) => void; onOpen: () => void }) {
  const review = reviewLook(r.review_status);
  const appeal = r.appeal_status ? appealLook(r.appeal_status) : null;
  return (
    <Table.Tr onClick={onOpen} style={{ cursor: 'pointer' }} bg={picked ? 'var(--mantine-color-indigo-light)' : undefined}>
      <Table.Td onClick={(e) => e.stopPropagation()}>
        <Checkbox aria-label={`Select ${r.name}`} checked={picked} onChange={(e) => onPick(e.currentTarget.checked)} />
      </Table.Td>
      <Table.Td>
        <Anchor
          component={Link}
          to={`/review/${encodeURIComponent(r.attempt_id)}`}
          size="sm"
          fw={500}
          style={{ whiteSpace: 'nowrap' }}
          onClick={(e) => {
            e.preventDefault();
            e.stopPropagation();
            onOpen();
          }}
        >
          {r.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          Roll {r.roll_number}
        </Text>
      </Table.Td>
      <Table.Td maw={220}>
        <Text size="sm" truncate>
          {r.exam_title}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDate(r.submitted_at)}
        </Text>
        {r.submitted_at && (
          <Text size="xs" c="dimmed">
            {formatClock(r.submitted_at)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <RiskBadge risk={r.risk_score} tier={r.risk_tier} withLabel size="sm" />
      </Table.Td>
      <Table.Td>{r.violations}</Table.Td>
      <Table.Td>
        <Text size="sm" c={r.undecided > 0 ? 'orange.7' : 'dimmed'} fw={r.undecided > 0 ? 600 : undefined}>
          {r.undecided}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <Badge size="sm" color={review.color} variant={r.review_status === 'pending' ? 'outline' : 'light'}>
            {review.label}
          </Badge>
          {appeal && (
            <Badge size="sm" color={appeal.color} variant="light">
              {appeal.label}
            </Badge>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
