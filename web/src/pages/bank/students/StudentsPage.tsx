import { useState } from 'react';
import { Button, Group, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconDownload, IconFileImport, IconPlus, IconSearch, IconShare } from '@tabler/icons-react';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { PageHeader, Section } from '../../../components/Page';
import { studentsApi, type StudentFilter } from '../api';
import { bankKeys, useGroups, useStudentCount, useStudents } from '../queries';
import { plural } from '../shared/plural';
import { TablePager } from '../shared/TablePager';
import { useClampPage } from '../shared/useClampPage';
import type { Student } from '../types';
import { ImportRosterModal } from './ImportRosterModal';
import { ShareWithStudentsModal } from './ShareWithStudentsModal';
import { StudentFormModal } from './StudentFormModal';
import { StudentsTable } from './StudentsTable';

const PAGE_SIZE = 25;

export function StudentsPage() {
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [debouncedText] = useDebouncedValue(text, 300);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [mine, setMine] = useState(false);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Student | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Student | null>(null);
  const [dialog, setDialog] = useState<'import' | 'share' | null>(null);

  const filter: StudentFilter = { q: debouncedText, groupId, mine, page, pageSize: PAGE_SIZE };
  const students = useStudents(filter);
  const groups = useGroups();
  const count = useStudentCount();
  useClampPage(page, students.data?.total, PAGE_SIZE, setPage);

  const remove = useMutation({
    mutationFn: (s: Student) => studentsApi.remove(s.id),
    onSuccess: (_r, s) => {
      notifications.show({ color: 'green', message: `${s.name} was deleted.` });
      setDeleting(null);
      void qc.invalidateQueries({ queryKey: bankKeys.students });
      void qc.invalidateQueries({ queryKey: bankKeys.groups });
    },
  });

  const refilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  const description = count.data
    ? `${plural(count.data.total, 'student')} in your organization; ${count.data.mine} registered through your link.`
    : 'Everyone who can sit your organization’s exams.';

  return (
    <>
      <PageHeader
        title="Students"
        description={description}
        actions={
          <Group gap="sm">
            <Button variant="default" leftSection={<IconFileImport size={18} />} onClick={() => setDialog('import')}>
              Import
            </Button>
            <Button variant="default" component="a" href={studentsApi.exportUrl()} download leftSection={<IconDownload size={18} />}>
              Export
            </Button>
            <Button variant="light" leftSection={<IconShare size={18} />} onClick={() => setDialog('share')}>
              Share with students
            </Button>
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
              Add student
            </Button>
          </Group>
        }
      />
      <Stack gap="lg">
        <Section title="Roster" flush>
          <Group gap="sm" align="flex-end" px={{ base: 'md', sm: 'lg' }} pb="md" wrap="wrap">
            <TextInput
              label="Search"
              placeholder="Name, roll number or email"
              leftSection={<IconSearch size={16} />}
              value={text}
              onChange={(e) => refilter(setText)(e.currentTarget.value)}
              style={{ flex: '1 1 240px' }}
              maxLength={200}
            />
            <Select
              label="Group"
              placeholder="All groups"
              data={groups.data?.map((g) => ({ value: g.id, label: g.name })) ?? []}
              value={groupId}
              onChange={refilter(setGroupId)}
              clearable
              searchable
              nothingFoundMessage="No group by that name"
              w={{ base: '100%', xs: 200 }}
            />
            <Switch
              label="Only through my link"
              checked={mine}
              onChange={(e) => refilter(setMine)(e.currentTarget.checked)}
              mb={8}
            />
          </Group>
          <StudentsTable
            rows={students.data?.items}
            isLoading={students.isPending}
            error={students.error}
            filtered={!!(debouncedText.trim() || groupId || mine)}
            onEdit={setEditing}
            onDelete={(s) => {
              remove.reset();
              setDeleting(s);
            }}
          />
          <TablePager page={page} pageSize={PAGE_SIZE} total={students.data?.total} onPage={setPage} noun="students" />
        </Section>
      </Stack>

      {editing && <StudentFormModal student={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {dialog === 'import' && <ImportRosterModal onClose={() => setDialog(null)} />}
      {dialog === 'share' && <ShareWithStudentsModal onClose={() => setDialog(null)} />}
      <ConfirmModal
        opened={!!deleting}
        title="Delete student"
        confirmLabel="Delete student"
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
        loading={remove.isPending}
        error={remove.error}
      >
        {deleting &&
          `Delete ${deleting.name} (roll number ${deleting.roll_number}) from the roster and their groups? A student who has taken an exam cannot be deleted, so that their results stay.`}
      </ConfirmModal>
    </>
  );
}
