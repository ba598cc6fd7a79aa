import { forwardRef } from 'react';
import { Badge, Box, Button, Divider, Group, Paper, Stack, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconFlag, IconFlagFilled } from '@tabler/icons-react';
import type { QuestionView } from '../../api/types';
import type { LocalAnswer } from '../answers';
import type { SaveState } from '../sync';
import { AnswerInput } from './AnswerInput';
import { SaveStatus } from './SaveStatus';

interface Props {
  question: QuestionView;
  index: number;
  total: number;
  answer: LocalAnswer | undefined;
  saveState: SaveState | undefined;
  disabled?: boolean;
  onChange: (response: unknown) => void;
  onToggleFlag: () => void;
  onPrevious: () => void;
  onNext: () => void;
  onFinish: () => void;
}

/** Smaller text and padding on a phone, so Previous and "Review and submit" share a row. */
const compact = { fz: { base: 'sm', xs: 'md' }, px: { base: 'sm', xs: 'lg' } } as const;

/** One question: heading, text, input, flag toggle, saved state, Previous/Next. */
export const QuestionPanel = forwardRef<HTMLHeadingElement, Props>(function QuestionPanel(
  { question, index, total, answer, saveState, disabled, onChange, onToggleFlag, onPrevious, onNext, onFinish },
  headingRef,
) {
  const headingId = `question-${question.id}-heading`;
  const stemId = `question-${question.id}-text`;
  const flagged = Boolean(answer?.flagged);
  const last = index === total - 1;
  const points = question.points;
  return (
    <Paper component="section" aria-labelledby={headingId} p={{ base: 'md', sm: 'xl' }} shadow="xs">
      <Stack gap="lg">
        <Group justify="space-between" align="center" gap="sm" wrap="wrap">
          <Group gap="sm" align="center">
            <Title order={2} fz={{ base: 'md', sm: 'lg' }} id={headingId} ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
              Question {index + 1} of {total}
            </Title>
            <Badge variant="light" color="gray" radius="sm" tt="none" fw={600}>
              {points} {points === 1 ? 'point' : 'points'}
            </Badge>
          </Group>
          <Button
            variant={flagged ? 'filled' : 'default'}
            color="orange"
            size="sm"
            leftSection={flagged ? <IconFlagFilled size={16} /> : <IconFlag size={16} />}
            aria-pressed={flagged}
            onClick={onToggleFlag}
            disabled={disabled}
          >
            Flag for review
          </Button>
        </Group>

        <Box>
          <AnswerInput
            key={question.id}
            question={question}
            response={answer?.response ?? null}
            onChange={onChange}
            disabled={disabled}
            stemId={stemId}
          />
        </Box>

        <Divider />
        <Group justify="space-between" gap="sm" wrap="wrap">
          <SaveStatus state={saveState} />
          <Group gap="sm" ml="auto" wrap="wrap" justify="flex-end">
            <Button
              variant="default"
              leftSection={<IconChevronLeft size={18} />}
              onClick={onPrevious}
              disabled={index === 0}
              {...compact}
            >
              Previous
            </Button>
            {last ? (
              <Button variant="light" onClick={onFinish} disabled={disabled} {...compact}>
                Review and submit
              </Button>
            ) : (
              <Button rightSection={<IconChevronRight size={18} />} onClick={onNext} {...compact}>
                Next
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
});
