import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { keys, useSessions } from '../../api/queries';
import { Section } from '../../components/Page';
import { DataTable } from '../../components/TableStates';
import { formatDateTime } from '../../lib/format';

export function SessionsSection() {
  const qc = useQueryClient();
  const sessions = useSessions();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.sessions });
    void qc.invalidateQueries({ queryKey: keys.myAudit });
  };

  const revoke = useMutation({
    mutationFn: authApi.revokeSession,
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Session revoked.' });
      refresh();
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Could not revoke the session', message: errorMessage(err) }),
  });
  const revokeOthers = useMutation({
    mutationFn: authApi.revokeOtherSessions,
    onSuccess: (res) => {
      const n = res?.revoked ?? 0;
      notifications.show({ color: 'green', message: `Signed out ${n} other ${n === 1 ? 'session' : 'sessions'}.` });
      refresh();
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Could not sign out other sessions', message: errorMessage(err) }),
  });

  const others = (sessions.data ?? []).filter((s) => !s.current).length;

  return (
    <Section
      title="Active sessions"
      description="Devices signed in to your account."
      flush
      actions={
        <Button
          variant="light"
          color="red"
          onClick={() => revokeOthers.mutate()}
          loading={revokeOthers.isPending}
          disabled={!sessions.data || others === 0}
        >
          Sign out all other sessions
        </Button>
      }
    >
      <DataTable
        label="Active sessions"
        headers={[
          'Device',
          { label: 'IP address', visibleFrom: 'sm' },
          { label: 'Last seen', visibleFrom: 'sm' },
          <VisuallyHidden key="actions">Actions</VisuallyHidden>,
        ]}
        rows={sessions.data}
        isLoading={sessions.isPending}
        error={sessions.error}
        empty="No active sessions."
        renderRow={(s) => (
          <Table.Tr key={s.id}>
            <Table.Td>
              <Group gap={6} wrap="wrap" align="center">
                <Text size="sm" fw={500}>
                  {s.device || 'Unknown device'}
                </Text>
                {s.current && (
                  <Badge size="sm" variant="light" color="green" style={{ flexShrink: 0 }}>
                    This device
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                Signed in {formatDateTime(s.created_at)}
              </Text>
              {/* Phones: the hidden columns, folded into one line. */}
              <Text size="xs" c="dimmed" hiddenFrom="sm">
                Last seen <time dateTime={s.last_seen_at}>{formatDateTime(s.last_seen_at)}</time>
                {s.ip && ` · ${s.ip}`}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <Text size="sm" ff="monospace">
                {s.ip || '—'}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={s.last_seen_at}>{formatDateTime(s.last_seen_at)}</time>
              </Text>
            </Table.Td>
            <Table.Td ta="right">
              {!s.current && (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => revoke.mutate(s.id)}
                  loading={revoke.isPending && revoke.variables === s.id}
                  aria-label={`Revoke session: ${s.device || 'Unknown device'}`}
                >
                  Revoke
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Section>
  );
}
