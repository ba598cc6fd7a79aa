import { ActionIcon, Menu } from '@mantine/core';
import { IconBroadcast, IconChartBar, IconCopy, IconDots, IconExternalLink, IconTemplate, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useCloneExam } from '../common/useCloneExam';
import type { ExamSummary } from '../types';

interface Props {
  exam: ExamSummary;
  onDelete: () => void;
  onSaveAsTemplate: () => void;
}

export function ExamRowMenu({ exam, onDelete, onSaveAsTemplate }: Props) {
  const clone = useCloneExam();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${exam.title}`} loading={clone.isPending}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to={`/exams/${exam.id}`} leftSection={<IconExternalLink size={16} />}>
          Open
        </Menu.Item>
        <Menu.Item component={Link} to={`/exams/${exam.id}/results`} leftSection={<IconChartBar size={16} />}>
          Results
        </Menu.Item>
        <Menu.Item component={Link} to={`/exams/${exam.id}/live`} leftSection={<IconBroadcast size={16} />}>
          Live sessions
        </Menu.Item>
        <Menu.Item leftSection={<IconCopy size={16} />} onClick={() => clone.mutate(exam.id)}>
          Clone
        </Menu.Item>
        <Menu.Item leftSection={<IconTemplate size={16} />} onClick={onSaveAsTemplate}>
          Save as template
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={onDelete}>
          Delete
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
