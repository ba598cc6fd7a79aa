import { useState } from 'react';
import { ActionIcon, Anchor, Button, Group as Row, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft, IconPencil, IconTrash, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../../api/client';
import { BreakableEmail } from '../../../components/BreakableEmail';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader, Section } from '../../../components/Page';
import { DataTable } from '../../../components/TableStates';
import { groupsApi } from '../api';
import { bankKeys, useGroup, useStudents } from '../queries';
import { plural } from '../shared/plural';
import { TablePager } from '../shared/TablePager';
import { useClampPage } from '../shared/useClampPage';
import type { Student } from '../types';
import { GroupFormModal } from './GroupFormModal';
import { StudentPicker } from './StudentPicker';
import { useDeleteGroup } from './useDeleteGroup';

const PAGE_SIZE = 25;

function BackLink() {
  return (
    <Anchor component={Link} to="/groups" size="sm" mb="xs" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={16} /> Student groups
    </Anchor>
  );
}

/** /groups/:groupId — one group's members: add them with a search, remove them one by one. */
export function GroupPage() {
  const { groupId = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const group = useGroup(groupId);
  const [page, setPage] = useState(1);
  const members = useStudents({ q: '', groupId, mine: false, page, pageSize: PAGE_SIZE, sort: 'name' });
  useClampPage(page, members.data?.total, PAGE_SIZE, setPage);
  const [picked, setPicked] = useState<Student[]>([]);
  const [renaming, setRenaming] = useState(false);
  const deletion = useDeleteGroup(() => navigate('/groups'));

  const changed = () => {
    void qc.invalidateQueries({ queryKey: bankKeys.groups });
    void qc.invalidateQueries({ queryKey: bankKeys.students });
  };

  const add = useMutation({
    mutationFn: (students: Student[]) => groupsApi.addMembers(groupId, students.map((s) => s.id)),
    onSuccess: (_g, students) => {
      notifications.show({ color: 'green', message: `${plural(students.length, 'student')} added.` });
      setPicked([]);
      changed();
    },
  });

  const remove = useMutation({
    mutationFn: (s: Student) => groupsApi.removeMember(groupId, s.id),
    onSuccess: (_r, s) => {
      notifications.show({ color: 'green', message: `${s.name} removed from the group.` });
      changed();
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Could not remove the student', message: errorMessage(err) }),
  });

  if (group.error) {
    return (
      <>
        <BackLink />
        <PageHeader title="Group not found" />
        <ErrorAlert
          error={group.error}
          title={isApiError(group.error) && group.error.status === 404 ? 'This group does not exist (it may have been deleted).' : 'Could not load the group'}
        />
      </>
    );
  }

  const g = group.data;
  return (
    <>
      <BackLink />
      <PageHeader
        title={g?.name ?? 'Group'}
        description={g ? g.description || `${plural(g.member_count, 'student')}.` : undefined}
        actions={
          g && (
            <Row gap="sm">
              <Button variant="default" leftSection={<IconPencil size={18} />} onClick={() => setRenaming(true)}>
                Rename
              </Button>
              <Button variant="light" color="red" leftSection={<IconTrash size={18} />} onClick={() => deletion.ask(g)}>
                Delete
              </Button>
            </Row>
          )
        }
      />
      <Stack gap="lg">
        <Section title="Add students" description="Search the roster; pick as many as you like.">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (picked.length) add.mutate(picked);
            }}
          >
            <Stack gap="sm">
              <ErrorAlert error={add.error} title="Could not add the students" />
              <Row align="flex-end" gap="sm" wrap="wrap">
                <StudentPicker groupId={groupId} value={picked} onChange={setPicked} />
                <Button type="submit" leftSection={<IconUserPlus size={18} />} disabled={!picked.length} loading={add.isPending}>
                  {picked.length > 1 ? `Add ${picked.length} students` : 'Add to group'}
                </Button>
              </Row>
            </Stack>
          </form>
        </Section>
        <Section title="Members" flush>
          <DataTable
            label="Group members"
            headers={[<span key="roll" style={{ whiteSpace: 'nowrap' }}>Roll #</span>, 'Name', { label: 'Email', visibleFrom: 'sm' }, <VisuallyHidden key="a">Actions</VisuallyHidden>]}
            rows={members.data?.items}
            isLoading={members.isPending}
            error={members.error}
            empty="No students in this group yet. Add some above."
            minWidth={620}
            renderRow={(s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {s.roll_number}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {s.name}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm" style={{ overflowWrap: 'break-word' }}>
                    {s.email ? <BreakableEmail email={s.email} /> : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Row justify="flex-end">
                    <Tooltip label="Remove from group" withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => remove.mutate(s)}
                        loading={remove.isPending && remove.variables?.id === s.id}
                        aria-label={`Remove ${s.name} from the group`}
                      >
                        <IconUserMinus size={18} />
                      </ActionIcon>
                    </Tooltip>
                  </Row>
                </Table.Td>
              </Table.Tr>
            )}
          />
          <TablePager page={page} pageSize={PAGE_SIZE} total={members.data?.total} onPage={setPage} noun="students" />
        </Section>
      </Stack>
      {renaming && g && <GroupFormModal group={g} onClose={() => setRenaming(false)} />}
      {deletion.modal}
    </>
  );
}
