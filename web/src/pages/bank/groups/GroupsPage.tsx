import { useState } from 'react';
import { ActionIcon, Anchor, Button, Group as Row, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { PageHeader, Section } from '../../../components/Page';
import { DataTable } from '../../../components/TableStates';
import { formatDate } from '../../../lib/format';
import { useGroups } from '../queries';
import type { Group } from '../types';
import { GroupFormModal } from './GroupFormModal';
import { useDeleteGroup } from './useDeleteGroup';

export function GroupsPage() {
  const groups = useGroups();
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const deletion = useDeleteGroup();

  return (
    <>
      <PageHeader
        title="Student groups"
        description="Classes and sections: an exam can be open to chosen groups only."
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
            New group
          </Button>
        }
      />
      <Section title="Groups" description="Open a group to add or remove students." flush>
        <DataTable
          label="Student groups"
          headers={[
            'Name',
            'Students',
            { label: 'Created', visibleFrom: 'sm' },
            <VisuallyHidden key="actions">Actions</VisuallyHidden>,
          ]}
          rows={groups.data}
          isLoading={groups.isPending}
          error={groups.error}
          empty="No groups yet. Create one, or name groups in a roster import."
          minWidth={600}
          renderRow={(g) => (
            <Table.Tr key={g.id}>
              <Table.Td>
                <Anchor component={Link} to={`/groups/${encodeURIComponent(g.id)}`} fw={500} size="sm">
                  {g.name}
                </Anchor>
                {g.description && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {g.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{g.member_count}</Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(g.created_at)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Row gap={2} justify="flex-end" wrap="nowrap">
                  <Tooltip label="Rename" withArrow>
                    <ActionIcon variant="subtle" color="gray" onClick={() => setEditing(g)} aria-label={`Rename ${g.name}`}>
                      <IconPencil size={18} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Delete" withArrow>
                    <ActionIcon variant="subtle" color="red" onClick={() => deletion.ask(g)} aria-label={`Delete ${g.name}`}>
                      <IconTrash size={18} />
                    </ActionIcon>
                  </Tooltip>
                </Row>
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Section>
      {editing && <GroupFormModal group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deletion.modal}
    </>
  );
}
