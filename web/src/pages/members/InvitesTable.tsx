import { Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import { orgApi } from '../../api/endpoints';
import { keys, useInvites } from '../../api/queries';
import { BreakableEmail } from '../../components/BreakableEmail';
import { Section } from '../../components/Page';
import { DataTable } from '../../components/TableStates';
import { formatDateTime } from '../../lib/format';
import { roleLabel } from '../../lib/permissions';

export function InvitesTable() {
  const qc = useQueryClient();
  const invites = useInvites();
  const revoke = useMutation({
    mutationFn: orgApi.revokeInvite,
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Invite revoked.' });
      void qc.invalidateQueries({ queryKey: keys.invites });
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Could not revoke the invite', message: errorMessage(err) }),
  });

  return (
    <Section title="Pending invites" flush>
      <DataTable
        label="Pending invites"
        headers={[
          'Email',
          'Role',
          { label: 'Invited by', visibleFrom: 'sm' },
          { label: 'Expires', visibleFrom: 'sm' },
          <VisuallyHidden key="actions">Actions</VisuallyHidden>,
        ]}
        rows={invites.data}
        isLoading={invites.isPending}
        error={invites.error}
        empty="No pending invites. Invites you send appear here until they are accepted."
        minWidth={680}
        renderRow={(inv) => (
          <Table.Tr key={inv.id}>
            <Table.Td>
              <Text size="sm" style={{ overflowWrap: 'break-word' }}>
                <BreakableEmail email={inv.email} />
              </Text>
              <Text size="xs" c="dimmed" hiddenFrom="sm">
                Expires {formatDateTime(inv.expires_at)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color="gray">
                {roleLabel(inv.role)}
              </Badge>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <Text size="sm">{inv.invited_by ?? '—'}</Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(inv.expires_at)}
              </Text>
            </Table.Td>
            <Table.Td ta="right">
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => revoke.mutate(inv.id)}
                loading={revoke.isPending && revoke.variables === inv.id}
              >
                Revoke
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Section>
  );
}
