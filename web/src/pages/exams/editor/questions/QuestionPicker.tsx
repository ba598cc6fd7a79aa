import { Badge, Button, Group, Modal, Pagination, Paper, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconCheck, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { PHONE_QUERY } from '../../../../components/TableStates';
import { QUESTION_TYPE_LABELS, QUESTION_TYPE_OPTIONS, plural } from '../../lib/labels';
import { useQuestionSearch, useQuestionTags } from '../../queries';
import type { Question, QuestionType } from '../../types';

const PAGE_SIZE = 10;

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Ids already in the exam: shown as added. */
  chosen: Set<string>;
  onAdd: (question: Question) => void;
}

/** Search the question bank by words, tag and type, and add questions one by one. */
export function QuestionPicker({ opened, onClose, chosen, onAdd }: Props) {
  const phone = useMediaQuery(PHONE_QUERY, false);
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [tag, setTag] = useState<string | null>(null);
  const [type, setType] = useState<QuestionType | null>(null);
  const [page, setPage] = useState(1);
  const tags = useQuestionTags();
  const results = useQuestionSearch({ q, tag, type, page, page_size: PAGE_SIZE }, opened);
  const pages = results.data ? Math.ceil(results.data.total / PAGE_SIZE) : 0;

  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Add questions from the bank" size="xl" fullScreen={phone}>
      <Stack>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label="Search"
            placeholder="Words in the question"
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => filter(setText)(e.currentTarget.value)}
            style={{ flex: '1 1 220px' }}
            data-autofocus
          />
          <Select
            label="Tag"
            placeholder="Any tag"
            data={(tags.data ?? []).map((t) => ({ value: t.tag, label: `${t.tag} (${t.count})` }))}
            value={tag}
            onChange={filter(setTag)}
            clearable
            searchable
            nothingFoundMessage="No such tag"
            w={{ base: '100%', xs: 200 }}
          />
          <Select
            label="Type"
            placeholder="Any type"
            data={QUESTION_TYPE_OPTIONS}
            value={type}
            onChange={(v) => filter(setType)(v as QuestionType | null)}
            clearable
            w={{ base: '100%', xs: 170 }}
          />
        </Group>
        <ErrorAlert error={results.error} title="Could not search the bank" />
        {results.isPending ? (
          <Stack gap="xs" aria-hidden>
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} height={56} />
            ))}
          </Stack>
        ) : results.data && results.data.items.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="lg">
            {q || tag || type ? 'No questions match.' : <>The bank is empty. <Link to="/questions">Write questions</Link> first.</>}
          </Text>
        ) : (
          <Stack gap="xs" aria-label="Matching questions" role="list">
            {results.data?.items.map((question) => {
              const added = chosen.has(question.id);
              return (
                <Paper key={question.id} p="sm" withBorder shadow="none" role="listitem">
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                      <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                        {question.stem}
                      </Text>
                      <Group gap={6}>
                        <Badge variant="light" color="gray" size="sm">
                          {QUESTION_TYPE_LABELS[question.type]}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {plural(question.points, 'point')}
                        </Text>
                        {question.tags.map((t) => (
                          <Badge key={t} variant="outline" color="gray" size="sm" tt="none">
                            {t}
                          </Badge>
                        ))}
                      </Group>
                    </Stack>
                    <Button
                      size="xs"
                      variant={added ? 'subtle' : 'light'}
                      disabled={added}
                      leftSection={added ? <IconCheck size={14} /> : <IconPlus size={14} />}
                      onClick={() => onAdd(question)}
                      aria-label={added ? `Added: ${question.stem.slice(0, 60)}` : `Add: ${question.stem.slice(0, 60)}`}
                      style={{ flexShrink: 0 }}
                    >
                      {added ? 'Added' : 'Add'}
                    </Button>
                  </Group>
                </Paper>
              );
            })}
          </Stack>
        )}
        <Group justify="space-between" gap="sm">
          {pages > 1 ? (
            <Pagination
              size="sm"
              total={pages}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': `${control} page` })}
            />
          ) : (
            <span />
          )}
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
