import { Badge, Button, Group, Select, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { orgApi } from '../../api/endpoints';
import { keys, useMe, useMembers } from '../../api/queries';
import type { Member, Role } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Section } from '../../components/Page';
import { DataTable } from '../../components/TableStates';
import { formatDate } from '../../lib/format';
import { ROLE_OPTIONS } from '../../lib/permissions';

export function MembersTable() {
  const qc = useQueryClient();
  const { data: me } = useMe();
  const members = useMembers();
  const [removing, setRemoving] = useState<Member | null>(null);

  const changed = () => {
    void qc.invalidateQueries({ queryKey: keys.members });
    void qc.invalidateQueries({ queryKey: keys.me });
  };

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: Role }) => orgApi.updateMember(member.user_id, role),
    onSuccess: (_res, { member, role }) => {
      notifications.show({ color: 'green', message: `${member.name} is now ${role === 'admin' ? 'an' : 'a'} ${role}.` });
      changed();
    },
    onError: (err) => {
      notifications.show({ color: 'red', title: 'Could not change the role', message: errorMessage(err) });
      changed();
    },
  });

  const remove = useMutation({
    mutationFn: (member: Member) => orgApi.removeMember(member.user_id),
    onSuccess: (_res, member) => {
      notifications.show({ color: 'green', message: `${member.name} was removed.` });
      setRemoving(null);
      changed();
    },
  });

  return (
    <Section title="People" description="Change a member's role or remove them from the organization." flush>
      <DataTable
        label="Members"
        headers={['Name', 'Email', 'Role', 'Joined', <VisuallyHidden key="actions">Actions</VisuallyHidden>]}
        rows={members.data}
        isLoading={members.isPending}
        error={members.error}
        empty="No members yet."
        minWidth={720}
        renderRow={(m) => {
          const isMe = m.user_id === me?.user.id;
          const pending = changeRole.isPending && changeRole.variables?.member.user_id === m.user_id;
          return (
            <Table.Tr key={m.user_id}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {m.name}
                  </Text>
                  {isMe && (
                    <Badge size="xs" variant="light">
                      You
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{m.email}</Text>
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Role for ${m.email}`}
                  data={ROLE_OPTIONS}
                  value={pending ? changeRole.variables!.role : m.role}
                  onChange={(value) => {
                    if (value && value !== m.role) changeRole.mutate({ member: m, role: value as Role });
                  }}
                  allowDeselect={false}
                  disabled={pending}
                  size="xs"
                  w={130}
                />
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(m.joined_at)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => {
                    remove.reset();
                    setRemoving(m);
                  }}
                >
                  Remove
                </Button>
              </Table.Td>
            </Table.Tr>
          );
        }}
      />
      <ConfirmModal
        opened={!!removing}
        title="Remove member"
        confirmLabel="Remove member"
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
        loading={remove.isPending}
        error={remove.error}
      >
        {removing &&
          `Remove ${removing.name} (${removing.email}) from ${me?.current_org?.name ?? 'this organization'}? They will lose access immediately.`}
      </ConfirmModal>
    </Section>
  );
}
