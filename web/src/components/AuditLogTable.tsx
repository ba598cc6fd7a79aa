import { Button, Center, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
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

const PAGE = 25;

export function AuditLogTable({ label, events, isLoading, error, showActor }: Props) {
  const [shown, setShown] = useState(PAGE);
  const hidden = events ? events.length - shown : 0;
  const headers = [
    'Event',
    ...(showActor ? [{ label: 'Actor', visibleFrom: 'sm' as const }] : []),
    { label: 'IP address', visibleFrom: 'sm' as const },
    { label: 'Time', visibleFrom: 'sm' as const },
  ];
  return (
    <>
      <DataTable
        label={label}
        headers={headers}
        rows={events?.slice(0, shown)}
        isLoading={isLoading}
        error={error}
        empty="No events recorded yet."
        minWidth={showActor ? 760 : 600}
        renderRow={(e) => {
          const details = detailsSummary(e.details);
          const when = formatDateTime(e.created_at);
          const actor = e.actor_email || 'System';
          return (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm" fw={500} title={e.action}>
                    {actionLabel(e.action)}
                  </Text>
                  {details && (
                    <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                      {details}
                    </Text>
                  )}
                  {/* Phones: the hidden columns, folded into one line. */}
                  <Text size="xs" c="dimmed" hiddenFrom="sm">
                    <time dateTime={e.created_at}>{when}</time>
                    {showActor && ` · ${actor}`}
                    {e.ip && ` · ${e.ip}`}
                  </Text>
                </Stack>
              </Table.Td>
              {showActor && (
                <Table.Td visibleFrom="sm">
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {actor}
                  </Text>
                </Table.Td>
              )}
              <Table.Td visibleFrom="sm">
                <Text size="sm" ff="monospace">
                  {e.ip || '—'}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  <time dateTime={e.created_at}>{when}</time>
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        }}
      />
      {hidden > 0 && (
        <Center py="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Button variant="subtle" size="sm" onClick={() => setShown((n) => n + PAGE)}>
            Show {Math.min(hidden, PAGE)} more
          </Button>
        </Center>
      )}
    </>
  );
}
