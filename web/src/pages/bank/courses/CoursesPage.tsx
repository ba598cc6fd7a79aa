import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Menu, SegmentedControl, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconArchive, IconArchiveOff, IconDots, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { errorMessage } from '../../../api/client';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { PageHeader, Section } from '../../../components/Page';
import { DataTable } from '../../../components/TableStates';
import { coursesApi } from '../api';
import { bankKeys, useCourses } from '../queries';
import type { Course } from '../types';
import { CourseFormModal } from './CourseFormModal';

export function CoursesPage() {
  const qc = useQueryClient();
  const [every, setEvery] = useState(false);
  const [archived, setArchived] = useState(false);
  const courses = useCourses(every, archived);
  const [editing, setEditing] = useState<Course | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Course | null>(null);

  const changed = () => void qc.invalidateQueries({ queryKey: bankKeys.courses });

  const archive = useMutation({
    mutationFn: (c: Course) => coursesApi.update(c.id, { archived: !c.archived }),
    onSuccess: (c) => {
      notifications.show({
        color: 'green',
        message: !c.archived
          ? `${c.name} restored.`
          : archived
            ? `${c.name} archived.`
            : `${c.name} archived. Turn on “Show archived” to see it.`,
      });
      changed();
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Could not change the course', message: errorMessage(err) }),
  });

  const remove = useMutation({
    mutationFn: (c: Course) => coursesApi.remove(c.id),
    onSuccess: (_r, c) => {
      notifications.show({ color: 'green', message: `${c.name} deleted.` });
      setDeleting(null);
      changed();
    },
  });

  return (
    <>
      <PageHeader
        title="Courses"
        description="Your classes; each holds its exams."
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
            New course
          </Button>
        }
      />
      <Section title="Course list" flush>
        <Group gap="md" px={{ base: 'md', sm: 'lg' }} pb="md" wrap="wrap">
          <SegmentedControl
            aria-label="Whose courses"
            value={every ? 'all' : 'mine'}
            onChange={(v) => setEvery(v === 'all')}
            data={[
              { value: 'mine', label: 'My courses' },
              { value: 'all', label: 'Whole organization' },
            ]}
          />
          <Switch label="Show archived" checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} />
        </Group>
        <DataTable
          label="Courses"
          headers={[
            'Name',
            { label: 'Code', visibleFrom: 'sm' },
            { label: 'Teacher', visibleFrom: 'sm' },
            'Status',
            <VisuallyHidden key="actions">Actions</VisuallyHidden>,
          ]}
          rows={courses.data}
          isLoading={courses.isPending}
          error={courses.error}
          empty={every ? 'No courses in the organization yet.' : 'You have no courses yet. Create one to group your exams.'}
          minWidth={680}
          renderRow={(c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed" hiddenFrom="sm">
                  {[c.code, c.teacher_name].filter(Boolean).join(' · ')}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm" ff="monospace">
                  {c.code || '—'}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm">{c.teacher_name ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                {c.archived ? (
                  <Badge variant="light" color="gray">
                    Archived
                  </Badge>
                ) : (
                  <Badge variant="light" color="green">
                    Active
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Group justify="flex-end">
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${c.name}`} loading={archive.isPending && archive.variables?.id === c.id}>
                        <IconDots size={18} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditing(c)}>
                        Edit
                      </Menu.Item>
                      <Menu.Item
                        leftSection={c.archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
                        onClick={() => archive.mutate(c)}
                      >
                        {c.archived ? 'Restore' : 'Archive'}
                      </Menu.Item>
                      <Menu.Divider />
                      <Menu.Item
                        color="red"
                        leftSection={<IconTrash size={16} />}
                        onClick={() => {
                          remove.reset();
                          setDeleting(c);
                        }}
                      >
                        Delete
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Group>
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Section>
      {editing && <CourseFormModal course={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={!!deleting}
        title="Delete course"
        confirmLabel="Delete course"
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
        loading={remove.isPending}
        error={remove.error}
      >
        {deleting &&
          `Delete ${deleting.name}? Its exams stay, with their attempts and results; they just no longer belong to a course. To hide a finished course instead, archive it.`}
      </ConfirmModal>
    </>
  );
}
