import { useState } from 'react';
import { Button, Group, Menu, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconChevronDown, IconDownload, IconFileImport, IconPlus } from '@tabler/icons-react';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { PageHeader, Section } from '../../../components/Page';
import { questionsApi, type QuestionFilter } from '../api';
import { bankKeys, useQuestions } from '../queries';
import { TablePager } from '../shared/TablePager';
import { useClampPage } from '../shared/useClampPage';
import type { Question, QuestionType } from '../types';
import { ImportQuestionsModal } from './ImportQuestionsModal';
import { QuestionFilters } from './QuestionFilters';
import { QuestionFormModal } from './QuestionFormModal';
import { QuestionsTable, excerpt } from './QuestionsTable';

const PAGE_SIZE = 25;

export function QuestionsPage() {
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [debouncedText] = useDebouncedValue(text, 300);
  const [type, setType] = useState<QuestionType | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Question | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Question | null>(null);
  const [importing, setImporting] = useState(false);

  const filter: QuestionFilter = { q: debouncedText, tags, type, page, pageSize: PAGE_SIZE };
  const questions = useQuestions(filter);
  const filtered = !!(debouncedText.trim() || type || tags.length);
  useClampPage(page, questions.data?.total, PAGE_SIZE, setPage);

  const remove = useMutation({
    mutationFn: (q: Question) => questionsApi.remove(q.id),
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Question deleted.' });
      setDeleting(null);
      void qc.invalidateQueries({ queryKey: bankKeys.questions });
    },
  });

  // Any filter change goes back to the first page.
  const refilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  const exportNote = tags.length ? `Tagged ${tags.join(' + ')}` : 'Every question';

  return (
    <>
      <PageHeader
        title="Questions"
        description="Your question bank."
        actions={
          <Group gap="sm">
            <Button variant="default" leftSection={<IconFileImport size={18} />} onClick={() => setImporting(true)}>
              Import
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={18} />} rightSection={<IconChevronDown size={16} />}>
                  Export
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{exportNote}</Menu.Label>
                <Menu.Item component="a" href={questionsApi.exportUrl('csv', tags)} download>
                  CSV (spreadsheet)
                </Menu.Item>
                <Menu.Item component="a" href={questionsApi.exportUrl('qti', tags)} download>
                  QTI 3.0 package (.zip)
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
              Add question
            </Button>
          </Group>
        }
      />
      <Stack gap="lg">
        <Section title="Question bank" description="Shared by every teacher in your organization." flush>
          <QuestionFilters
            text={text}
            onText={refilter(setText)}
            type={type}
            onType={refilter(setType)}
            tags={tags}
            onTags={refilter(setTags)}
          />
          <QuestionsTable
            rows={questions.data?.items}
            isLoading={questions.isPending}
            error={questions.error}
            filtered={filtered}
            onEdit={setEditing}
            onDelete={(q) => {
              remove.reset();
              setDeleting(q);
            }}
          />
          <TablePager
            page={page}
            pageSize={PAGE_SIZE}
            total={questions.data?.total}
            onPage={setPage}
            noun="questions"
          />
        </Section>
      </Stack>

      {editing && <QuestionFormModal question={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {importing && <ImportQuestionsModal onClose={() => setImporting(false)} />}
      <ConfirmModal
        opened={!!deleting}
        title="Delete question"
        confirmLabel="Delete question"
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
        loading={remove.isPending}
        error={remove.error}
      >
        {deleting &&
          `Delete “${excerpt(deleting.stem, 100)}” from the bank? It can no longer be added to exams. Attempts already submitted keep the version the student saw, with its answer key and score.`}
      </ConfirmModal>
    </>
  );
}
