import { ActionIcon, Badge, Button, Group, Select, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconUserMinus } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { orgApi } from '../../api/endpoints';
import { keys, useMe, useMembers } from '../../api/queries';
import type { Member, Role } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { BreakableEmail } from '../../components/BreakableEmail';
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
        headers={[
          'Name',
          'Role',
          { label: 'Joined', visibleFrom: 'sm' },
          <VisuallyHidden key="actions">Actions</VisuallyHidden>,
        ]}
        rows={members.data}
        isLoading={members.isPending}
        error={members.error}
        empty="No members yet."
        minWidth={620}
        renderRow={(m) => {
          const isMe = m.user_id === me?.user.id;
          const pending = changeRole.isPending && changeRole.variables?.member.user_id === m.user_id;
          const startRemove = () => {
            remove.reset();
            setRemoving(m);
          };
          return (
            <Table.Tr key={m.user_id}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {m.name}
                  </Text>
                  {isMe && (
                    <Badge size="xs" variant="light" style={{ flexShrink: 0 }}>
                      You
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'break-word' }}>
                  <BreakableEmail email={m.email} />
                </Text>
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
                  w={{ base: 112, sm: 130 }}
                />
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(m.joined_at)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                {/* You cannot remove yourself here (and the last owner cannot leave). */}
                {!isMe && (
                  <>
                    <Button size="xs" variant="subtle" color="red" onClick={startRemove} visibleFrom="sm">
                      Remove
                    </Button>
                    <Tooltip label="Remove" withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={startRemove}
                        aria-label={`Remove ${m.name}`}
                        hiddenFrom="sm"
                      >
                        <IconUserMinus size={18} />
                      </ActionIcon>
                    </Tooltip>
                  </>
                )}
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
