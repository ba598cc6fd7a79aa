import { Badge, Box, Button, Divider, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconPointFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { CARD_PX } from '../../components/Page';
import { GradeForm } from './GradeForm';
import { correctText, needsTeacherMark, responseText, shownOptions, TYPE_LABELS, type ShownOption } from './answers';
import { formatPoints } from './format';
import type { AttemptQuestion } from './types';

function PointsBadge({ q }: { q: AttemptQuestion }) {
  if (q.awarded === null) {
    return (
      <Badge variant="light" color="orange">
        Not graded · {formatPoints(q.points)} pts
      </Badge>
    );
  }
  const color = q.awarded >= q.points ? 'green' : q.awarded > 0 ? 'yellow' : 'red';
  return (
    <Badge variant="light" color={color}>
      {formatPoints(q.awarded)} / {formatPoints(q.points)} pts
    </Badge>
  );
}

function OptionRow({ option }: { option: ShownOption }) {
  const border = option.correct ? 'var(--mantine-color-green-5)' : option.chosen ? 'var(--mantine-color-red-4)' : undefined;
  return (
    <Group
      component="li"
      gap="sm"
      wrap="nowrap"
      p="xs"
      style={{ border: `1px solid ${border ?? 'var(--mantine-color-gray-3)'}`, borderRadius: 'var(--mantine-radius-md)' }}
    >
      <ThemeIcon
        size={26}
        radius="xl"
        variant={option.chosen ? 'filled' : 'default'}
        color={option.correct ? 'green' : option.chosen ? 'red' : 'gray'}
        aria-hidden
      >
        <Text size="xs" fw={700} c={option.chosen ? 'white' : undefined}>
          {option.letter}
        </Text>
      </ThemeIcon>
      <Text size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
        {option.text}
      </Text>
      <Group gap={4} wrap="nowrap">
        {option.chosen && (
          <Badge size="sm" variant="light" color={option.correct ? 'green' : 'red'} leftSection={<IconPointFilled size={10} />}>
            Student's answer
          </Badge>
        )}
        {option.correct && (
          <Badge size="sm" variant="outline" color="green" leftSection={<IconCheck size={12} />}>
            Correct
          </Badge>
        )}
      </Group>
    </Group>
  );
}

function AnswerLine({ label, children }: { label: string; children: string | null }) {
  return (
    <Box>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm" c={children === null ? 'dimmed' : undefined} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children ?? 'No answer'}
      </Text>
    </Box>
  );
}

interface Props {
  attemptId: string;
  question: AttemptQuestion;
  /** Marks can be given once the attempt is submitted. */
  gradable: boolean;
}

/** One question as the student saw it, their answer, the key, the points, and the grading form. */
export function QuestionCard({ attemptId, question: q, gradable }: Props) {
  const [changing, setChanging] = useState(false);
  const options = shownOptions(q);
  const key = correctText(q);
  const markOpen = gradable && needsTeacherMark(q);
  return (
    <Paper component="article" shadow="xs" px={CARD_PX} py="md" aria-labelledby={`question-${q.question_id}`}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Text id={`question-${q.question_id}`} fw={700}>
              Question {q.position}
            </Text>
            <Badge variant="default">{TYPE_LABELS[q.type] ?? q.type}</Badge>
            {q.flagged && (
              <Badge variant="light" color="yellow">
                Marked for review by the student
              </Badge>
            )}
            {q.graded_by_teacher && (
              <Badge variant="light" color="indigo">
                Teacher's mark
              </Badge>
            )}
          </Group>
          <PointsBadge q={q} />
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{q.stem}</Text>
        {options.length > 0 && (
          <Stack component="ol" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Options as shown">
            {options.map((o) => (
              <OptionRow key={o.id} option={o} />
            ))}
          </Stack>
        )}
        {options.length > 0 ? (
          responseText(q) === null && (
            <Text size="sm" c="dimmed">
              The student did not answer.
            </Text>
          )
        ) : (
          <SimpleGrid cols={{ base: 1, sm: q.type === 'essay' ? 1 : 2 }} spacing="sm">
            <AnswerLine label="Student's answer">{responseText(q)}</AnswerLine>
            {q.type !== 'essay' && <AnswerLine label="Correct answer">{key}</AnswerLine>}
          </SimpleGrid>
        )}
        {q.feedback && !markOpen && !changing && <AnswerLine label="Comment">{q.feedback}</AnswerLine>}
        {gradable && (markOpen || changing) && (
          <>
            <Divider />
            <GradeForm
              attemptId={attemptId}
              question={q}
              submitLabel={q.graded_by_teacher ? 'Update grade' : 'Save grade'}
              onDone={changing ? () => setChanging(false) : undefined}
            />
          </>
        )}
        {gradable && !markOpen && !changing && (
          <Group>
            <Button variant="subtle" size="compact-sm" onClick={() => setChanging(true)}>
              Change points
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
