import { Button, Group, Menu, Paper, Switch, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileTypeCsv, IconFileTypePdf, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import { resultKeys } from './api';
import { reportsApi, reportUrls } from './reportsApi';
import type { Exam } from './types';

/** Results CSV, flags CSV and the exam summary PDF: plain downloads. */
export function ExportMenu({ examId }: { examId: string }) {
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button
          variant="default"
          size="sm"
          leftSection={<IconDownload size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={reportUrls.resultsCsv(examId)} download leftSection={<IconFileTypeCsv size={16} />}>
          Results CSV
        </Menu.Item>
        <Menu.Item component="a" href={reportUrls.flagsCsv(examId)} download leftSection={<IconFileTypeCsv size={16} />}>
          Flags CSV
        </Menu.Item>
        <Menu.Item component="a" href={reportUrls.examPdf(examId)} download leftSection={<IconFileTypePdf size={16} />}>
          Exam summary PDF
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export const RELEASE_HELP = 'Students see their score, the flags that count and their evidence, and may appeal once';

/** Let the students see their results (and appeal), or take them back. */
export function ReleaseSwitch({ exam }: { exam: Exam }) {
  const qc = useQueryClient();
  const release = useMutation({
    mutationFn: (released: boolean) => reportsApi.release(exam.id, released),
    onSuccess: (result) => {
      qc.setQueryData<Exam>(resultKeys.exam(exam.id), (old) => (old ? { ...old, results_released: result.results_released } : old));
      notifications.show({
        color: 'green',
        message: result.results_released
          ? 'Results released: students can see them now.'
          : 'Results hidden from students again.',
      });
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Could not change the release', message: errorMessage(err) }),
  });
  const released = release.isPending ? release.variables : exam.results_released;

  return (
    <Paper shadow="xs" px={{ base: 'md', sm: 'lg' }} py="sm">
      <Group justify="space-between" gap="sm">
        <Group gap={6} wrap="nowrap">
          <Switch
            label="Release results to students"
            checked={released}
            disabled={release.isPending}
            onChange={(e) => release.mutate(e.currentTarget.checked)}
          />
          <Tooltip label={RELEASE_HELP} multiline w={280} withArrow>
            <IconInfoCircle size={16} aria-label="About releasing results" role="img" tabIndex={0} color="var(--mantine-color-dimmed)" />
          </Tooltip>
        </Group>
        <Text size="sm" c="dimmed" aria-live="polite">
          {released ? 'Students can see their results.' : 'Students cannot see their results yet.'}
        </Text>
      </Group>
    </Paper>
  );
}
