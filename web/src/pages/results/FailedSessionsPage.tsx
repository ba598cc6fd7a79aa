import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { PageHeader, Section } from '../../components/Page';
import { DataTable } from '../../components/TableStates';
import { formatDateTime } from '../../lib/format';
import { Pager } from './Pager';
import { resultKeys, resultsApi } from './api';
import { useForceSubmit } from './useForceSubmit';
import { useTableParams } from './useTableParams';

const PAGE_SIZE = 25;

export function FailedSessionsPage() {
  const table = useTableParams({});
  const paging = { page: table.page, pageSize: PAGE_SIZE };
  const failed = useQuery({
    queryKey: resultKeys.failed(paging),
    queryFn: () => resultsApi.failed(paging),
    placeholderData: keepPreviousData,
  });
  const force = useForceSubmit();

  return (
    <>
      <PageHeader
        title="Failed Sessions / Failed Submissions"
        description="Attempts whose submission could not be graded. The student's answers are kept: force-submit to grade them again."
      />
      <Section title="Failed attempts" flush>
        <DataTable
          label="Failed attempts"
          headers={[
            'Student',
            { label: 'Exam', visibleFrom: 'sm' },
            { label: 'When', visibleFrom: 'sm' },
            { label: 'Reason', visibleFrom: 'sm' },
            'Actions',
          ]}
          rows={failed.data?.items}
          isLoading={failed.isPending}
          error={failed.error}
          empty="No failed sessions. Every submission was graded."
          minWidth={860}
          renderRow={(f) => (
            <Table.Tr key={f.attempt_id}>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {f.name}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    Roll # {f.roll_number}
                  </Text>
                  {/* Phones: the hidden columns, folded in. */}
                  <Stack gap={2} mt={4} hiddenFrom="sm">
                    <Anchor component={Link} to={`/exams/${f.exam_id}/results`} size="xs">
                      {f.exam_title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      started {formatDateTime(f.started_at)}
                    </Text>
                    <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {f.failure_reason || 'No reason was recorded.'}
                    </Text>
                  </Stack>
                </Stack>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Anchor component={Link} to={`/exams/${f.exam_id}/results`} size="sm">
                  {f.exam_title}
                </Anchor>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(f.started_at)}
                </Text>
                {f.last_heartbeat_at && (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    last seen {formatDateTime(f.last_heartbeat_at)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td visibleFrom="sm" maw={320}>
                <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {f.failure_reason || 'No reason was recorded.'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Button
                    component={Link}
                    to={`/attempts/${f.attempt_id}`}
                    size="xs"
                    variant="light"
                    aria-label={`Open ${f.name}'s attempt`}
                  >
                    Open
                  </Button>
                  <Button size="xs" variant="subtle" color="red" onClick={() => force.ask(f)}>
                    Force submit
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          )}
        />
        <Pager
          page={table.page}
          pageSize={PAGE_SIZE}
          total={failed.data?.total}
          onChange={(page) => table.set({ page })}
          noun="failed attempts"
        />
      </Section>
      {force.modal}
    </>
  );
}
