import { ActionIcon, Button, Group, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconBroadcast, IconChartBar, IconCopy, IconDots, IconTemplate, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { examsApi } from '../api';
import { DeleteExamModal } from '../common/DeleteExamModal';
import { SaveAsTemplateModal } from '../common/SaveAsTemplateModal';
import { useCloneExam } from '../common/useCloneExam';
import { useExamChanged } from '../queries';
import type { Exam, ExamStatus } from '../types';

const DONE: Record<ExamStatus, string> = {
  published: 'Published: students with the link can start it within its window.',
  draft: 'Back to draft: students cannot start it.',
  archived: 'Archived: students cannot start it; results stay.',
};

/** Publish, unpublish, archive, clone, save as template, delete. */
export function ExamHeaderActions({ exam, onDeleted }: { exam: Exam; onDeleted: () => void }) {
  const changed = useExamChanged();
  const clone = useCloneExam();
  const [deleting, setDeleting] = useState(false);
  const [templating, setTemplating] = useState(false);
  const setStatus = useMutation({
    mutationFn: (status: ExamStatus) => examsApi.update(exam.id, { status }),
    onSuccess: (result) => {
      changed(result);
      notifications.show({ color: 'green', message: DONE[result.status] });
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Could not change the status', message: errorMessage(err) }),
  });
  const pending = (s: ExamStatus) => setStatus.isPending && setStatus.variables === s;

  return (
    <Group gap="xs">
      {exam.status === 'published' && (
        <Button component={Link} to={`/exams/${exam.id}/live`} variant="default" leftSection={<IconBroadcast size={16} aria-hidden />}>
          Live sessions
        </Button>
      )}
      {exam.status === 'published' ? (
        <Button variant="default" onClick={() => setStatus.mutate('draft')} loading={pending('draft')}>
          Unpublish
        </Button>
      ) : (
        <Button onClick={() => setStatus.mutate('published')} loading={pending('published')}>
          {exam.status === 'archived' ? 'Publish again' : 'Publish'}
        </Button>
      )}
      <Menu position="bottom-end">
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label="More exam actions" loading={clone.isPending || pending('archived')}>
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item component={Link} to={`/exams/${exam.id}/results`} leftSection={<IconChartBar size={16} />}>
            Results
          </Menu.Item>
          <Menu.Item component={Link} to={`/exams/${exam.id}/live`} leftSection={<IconBroadcast size={16} />}>
            Live sessions
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconCopy size={16} />} onClick={() => clone.mutate(exam.id)}>
            Clone
          </Menu.Item>
          <Menu.Item leftSection={<IconTemplate size={16} />} onClick={() => setTemplating(true)}>
            Save as template
          </Menu.Item>
          {exam.status !== 'archived' && (
            <Menu.Item leftSection={<IconArchive size={16} />} onClick={() => setStatus.mutate('archived')}>
              Archive
            </Menu.Item>
          )}
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setDeleting(true)}>
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <DeleteExamModal exam={deleting ? exam : null} onClose={() => setDeleting(false)} onDeleted={onDeleted} />
      <SaveAsTemplateModal exam={templating ? exam : null} onClose={() => setTemplating(false)} />
    </Group>
  );
}
