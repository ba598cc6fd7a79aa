import { ActionIcon, Button, Group, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { PageHeader, Section } from '../../../components/Page';
import { DataTable } from '../../../components/TableStates';
import { formatDate } from '../../../lib/format';
import { templatesApi } from '../api';
import { plural } from '../lib/labels';
import { examKeys, useTemplates } from '../queries';
import type { ExamTemplate } from '../types';
import { CreateFromTemplateModal } from './CreateFromTemplateModal';

export function TemplatesPage() {
  const qc = useQueryClient();
  const templates = useTemplates();
  const [using, setUsing] = useState<ExamTemplate | null>(null);
  const [deleting, setDeleting] = useState<ExamTemplate | null>(null);
  const remove = useMutation({
    mutationFn: (t: ExamTemplate) => templatesApi.remove(t.id),
    onSuccess: (_res, t) => {
      notifications.show({ color: 'green', message: `Template “${t.name}” was deleted.` });
      setDeleting(null);
      void qc.invalidateQueries({ queryKey: examKeys.templates });
    },
  });

  const startDelete = (t: ExamTemplate) => {
    remove.reset();
    setDeleting(t);
  };

  return (
    <>
      <PageHeader
        title="Exam templates"
        description="Settings and questions saved from an exam, to start new exams from. Save one from an exam's menu."
      />
      <Section title="Templates" flush>
        <DataTable
          label="Exam templates"
          headers={['Name', { label: 'Questions', visibleFrom: 'sm' }, { label: 'Created', visibleFrom: 'sm' }, <VisuallyHidden key="a">Actions</VisuallyHidden>]}
          rows={templates.data}
          isLoading={templates.isPending}
          error={templates.error}
          empty="No templates yet. Open an exam and choose “Save as template” in its menu."
          minWidth={600}
          renderRow={(t) => (
            <Table.Tr key={t.id}>
              <Table.Td>
                <Text size="sm" fw={500} miw={120} style={{ overflowWrap: 'anywhere' }}>
                  {t.name}
                </Text>
                <Text size="xs" c="dimmed" hiddenFrom="sm">
                  {plural(t.question_count, 'question')} · {formatDate(t.created_at)}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm">{plural(t.question_count, 'question')}</Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(t.created_at)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="light" onClick={() => setUsing(t)} aria-label={`Create an exam from ${t.name}`}>
                    Create exam
                  </Button>
                  <Button size="xs" variant="subtle" color="red" onClick={() => startDelete(t)} aria-label={`Delete template ${t.name}`} visibleFrom="sm">
                    Delete
                  </Button>
                  <Tooltip label="Delete" withArrow>
                    <ActionIcon variant="subtle" color="red" onClick={() => startDelete(t)} aria-label={`Delete template ${t.name}`} hiddenFrom="sm">
                      <IconTrash size={18} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Section>
      <CreateFromTemplateModal template={using} onClose={() => setUsing(null)} />
      <ConfirmModal
        opened={!!deleting}
        title="Delete template"
        confirmLabel="Delete template"
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
        loading={remove.isPending}
        error={remove.error}
      >
        {deleting && `Delete the template “${deleting.name}”? Exams made from it stay as they are.`}
      </ConfirmModal>
    </>
  );
}
