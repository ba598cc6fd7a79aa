import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDice5, IconLock, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { Section } from '../../../../components/Page';
import { examsApi } from '../../api';
import { plural } from '../../lib/labels';
import { examKeys } from '../../queries';
import type { Exam } from '../../types';
import { draftFromItems, itemsBody, poolItem, questionItem, totals, type DraftItem } from './draftItems';
import { SaveBar } from '../SaveBar';
import { ItemList } from './ItemList';
import { PoolForm } from './PoolForm';
import { QuestionPicker } from './QuestionPicker';

/** What is saved, to compare the draft with: item kinds, ids, tags and counts in order. */
function signature(items: DraftItem[]): string {
  return JSON.stringify(itemsBody(items));
}

export function QuestionsTab({ exam }: { exam: Exam }) {
  const qc = useQueryClient();
  const [items, setItems] = useState(() => draftFromItems(exam.items));
  const [saved, setSaved] = useState(() => signature(items));
  const [picking, setPicking] = useState(false);
  const [pooling, setPooling] = useState(false);
  const locked = exam.attempt_count > 0;
  const dirty = signature(items) !== saved;
  const sum = totals(items);
  const chosen = useMemo(
    () => new Set(items.flatMap((i) => (i.kind === 'question' ? [i.question.id] : []))),
    [items],
  );

  const save = useMutation({
    mutationFn: () => examsApi.replaceItems(exam.id, itemsBody(items)),
    onSuccess: (result) => {
      const next = draftFromItems(result.items);
      setItems(next);
      setSaved(signature(next));
      qc.setQueryData<Exam>(examKeys.detail(exam.id), (old) =>
        old ? { ...old, items: result.items, question_count: result.question_count } : old,
      );
      void qc.invalidateQueries({ queryKey: ['exams', 'list'] });
      notifications.show({ color: 'green', message: `Questions saved: ${plural(result.question_count, 'question')} per student.` });
    },
  });

  return (
    <Stack gap="lg">
      {locked && (
        <Alert color="yellow" variant="light" icon={<IconLock size={18} />} title="Questions are fixed">
          Students have already started this exam, so its questions cannot change. Clone the exam to make a changed copy.
        </Alert>
      )}
      <Section
        title="Questions"
        description={
          <>
            {plural(sum.questions, 'question')} per student · Total points: {sum.points}
            {sum.pooled > 0 && ` plus the points of ${plural(sum.pooled, 'question')} drawn from pools`}
          </>
        }
        actions={
          !locked && (
            <Group gap="xs">
              <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setPicking(true)}>
                Add from bank
              </Button>
              <Button size="xs" variant="light" leftSection={<IconDice5 size={14} />} onClick={() => setPooling(true)}>
                Add random pool
              </Button>
            </Group>
          )
        }
      >
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="lg">
            No questions yet. Add questions from the bank, or a pool that draws random questions by tag.
          </Text>
        ) : (
          <ItemList items={items} onChange={setItems} readOnly={locked} />
        )}
      </Section>
      {!locked && (
        <SaveBar sticky={dirty}>
          <ErrorAlert error={save.error} title="Could not save the questions" />
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {dirty ? 'You have unsaved changes.' : 'All questions saved.'}
            </Text>
            <Group gap="sm">
              <Button
                variant="default"
                disabled={!dirty || save.isPending}
                onClick={() => {
                  setItems(draftFromItems(exam.items));
                  save.reset();
                }}
              >
                Discard changes
              </Button>
              <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty}>
                Save questions
              </Button>
            </Group>
          </Group>
        </SaveBar>
      )}
      <QuestionPicker
        opened={picking}
        onClose={() => setPicking(false)}
        chosen={chosen}
        onAdd={(q) => setItems((current) => [...current, questionItem(q)])}
      />
      <PoolForm opened={pooling} onClose={() => setPooling(false)} onAdd={(tags, count) => setItems((c) => [...c, poolItem(tags, count)])} />
    </Stack>
  );
}
