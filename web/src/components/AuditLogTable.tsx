import { Stack, Table, Text } from '@mantine/core';
import type { AuditEvent } from '../api/types';
import { actionLabel, detailsSummary, formatDateTime } from '../lib/format';
import { DataTable } from './TableStates';

interface Props {
  label: string;
  events: AuditEvent[] | undefined;
  isLoading: boolean;
  error: unknown;
  /** Show the Actor column (org-wide log). */
  showActor?: boolean;
}

export function AuditLogTable({ label, events, isLoading, error, showActor }: Props) {
  const headers = showActor ? ['Event', 'Actor', 'IP', 'Time'] : ['Event', 'IP', 'Time'];
  return (
    <DataTable
      label={label}
      headers={headers}
      rows={events}
      isLoading={isLoading}
      error={error}
      empty="No security events recorded yet."
      renderRow={(e) => {
        const details = detailsSummary(e.details);
        return (
          <Table.Tr key={e.id}>
            <Table.Td>
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {actionLabel(e.action)}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {e.action}
                </Text>
                {details && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {details}
                  </Text>
                )}
              </Stack>
            </Table.Td>
            {showActor && (
              <Table.Td>
                <Text size="sm">{e.actor_email || 'System'}</Text>
              </Table.Td>
            )}
            <Table.Td>
              <Text size="sm" ff="monospace">
                {e.ip || '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={e.created_at}>{formatDateTime(e.created_at)}</time>
              </Text>
            </Table.Td>
          </Table.Tr>
        );
      }}
    />
  );
}
