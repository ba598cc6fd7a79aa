import { Alert, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useOrg } from '../../../api/queries';
import type { MediaCleanupResult } from '../../../api/types';
import { ConfirmModal } from '../../../components/ConfirmModal';
import classes from './ToolsPage.module.css';

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "12.4 MB": bytes in the largest unit that keeps the figure at or above 1. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return count(bytes, 'byte', 'bytes');
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** "Freed 12.4 MB: 340 snapshots, 2 recordings; 15 thumbnails kept." */
export function cleanupSummary(r: MediaCleanupResult): string {
  if (!r.snapshots_deleted && !r.recordings_deleted && !r.thumbnails_kept && !r.bytes_freed) {
    return 'Nothing to delete: no media is past its retention period.';
  }
  return (
    `Freed ${formatBytes(r.bytes_freed)}: ${count(r.snapshots_deleted, 'snapshot', 'snapshots')}, ` +
    `${count(r.recordings_deleted, 'recording', 'recordings')}; ${count(r.thumbnails_kept, 'thumbnail', 'thumbnails')} kept.`
  );
}

const days = (n: number) => count(n, 'day', 'days');

/** Delete proctoring media older than the organization's retention periods. */
export function CleanupCard() {
  const [asking, setAsking] = useState(false);
  // The periods are the organization's; without them the card still works, in general words.
  const org = useOrg();
  const run = useMutation({
    mutationFn: () => api.post<MediaCleanupResult>('/tools/cleanup-media'),
    onSuccess: (result) => {
      setAsking(false);
      notifications.show({ color: 'green', title: 'Screenshots cleaned up', message: cleanupSummary(result) });
    },
  });

  const snapshotDays = org.data?.screenshot_retention_days;
  const recordingDays = org.data?.retention_days;
  const what =
    snapshotDays !== undefined && recordingDays !== undefined
      ? `Deletes webcam and screen snapshots older than ${days(snapshotDays)}, and recordings, audio clips and ID photos older than ${days(recordingDays)} (your retention settings).`
      : 'Deletes webcam and screen snapshots and recordings older than your retention settings.';

  return (
    <Paper p="lg" shadow="xs" className={classes.paper} component="section" aria-labelledby="cleanup-heading">
      <Stack gap="sm" h="100%">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" color="red" size={40} radius="md">
            <IconTrash size={22} aria-hidden />
          </ThemeIcon>
          <Title order={2} fz="md" id="cleanup-heading">
            Cleanup Screenshots
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {what} Evidence behind flags keeps a small thumbnail for reports.
        </Text>
        {run.data && (
          <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} p="xs" role="status">
            <Text size="sm">{cleanupSummary(run.data)}</Text>
          </Alert>
        )}
        <Group mt="auto">
          <Button
            variant="light"
            color="red"
            size="xs"
            onClick={() => {
              run.reset();
              setAsking(true);
            }}
            loading={run.isPending}
          >
            Clean up now…
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={asking}
        title="Clean up screenshots"
        confirmLabel="Delete old media"
        onConfirm={() => run.mutate()}
        onClose={() => setAsking(false)}
        loading={run.isPending}
        error={run.error}
      >
        Permanently delete the webcam and screen snapshots and the recordings that are past your organization&apos;s
        retention periods? Flags, scores and verdicts stay; evidence behind flags keeps a small thumbnail. This cannot be
        undone.
      </ConfirmModal>
    </Paper>
  );
}
