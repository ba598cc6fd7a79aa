import { useState } from 'react';
import { Checkbox, Group, NumberInput, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { QuestionView } from '../../api/types';
import { optionsOf, type QuestionType } from '../answers';

interface Props {
  question: QuestionView;
  response: unknown;
  onChange: (response: unknown) => void;
  disabled?: boolean;
  /** Id of the element holding the question's text (the group's label). */
  stemId: string;
}

const SHORT_ANSWER_MAX = 1000;
const ESSAY_MAX = 20000;

const optionClasses = {
  root: 'exam-option',
  body: 'exam-option-body',
  inner: 'exam-option-inner',
  labelWrapper: 'exam-option-label-wrapper',
  label: 'exam-option-label',
};

/**
 * The question's text and its input, by type. Choice groups are labelled by the question
 * text; text inputs are labelled "Your answer" and described by it.
 */
export function AnswerInput({ question, response, onChange, disabled, stemId }: Props) {
  const type = question.type as QuestionType;
  const stem = (
    <Text component="span" className="exam-stem" display="block">
      {question.stem}
    </Text>
  );
  const stemLabel = { id: stemId, style: { display: 'block' } };
  switch (type) {
    case 'single_choice':
      return (
        <Radio.Group
          label={stem}
          labelProps={stemLabel}
          value={typeof response === 'string' ? response : ''}
          onChange={(v) => onChange(v || null)}
          name={`q-${question.id}`}
          disabled={disabled}
        >
          <Stack gap="sm">
            {optionsOf(question).map((o) => (
              <Radio key={o.id} value={o.id} label={o.text} classNames={optionClasses} disabled={disabled} />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multiple_choice':
      return (
        <Checkbox.Group
          label={stem}
          labelProps={stemLabel}
          description="Choose all that apply."
          descriptionProps={{ mt: -8, mb: 'sm', fz: 'sm' }}
          value={Array.isArray(response) ? (response as string[]) : []}
          onChange={(v) => onChange(v.length ? v : null)}
          disabled={disabled}
        >
          <Stack gap="sm">
            {optionsOf(question).map((o) => (
              <Checkbox key={o.id} value={o.id} label={o.text} classNames={optionClasses} disabled={disabled} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'true_false':
      return (
        <Radio.Group
          label={stem}
          labelProps={stemLabel}
          value={response === true ? 'true' : response === false ? 'false' : ''}
          onChange={(v) => onChange(v === 'true' ? true : v === 'false' ? false : null)}
          name={`q-${question.id}`}
          disabled={disabled}
        >
          <Group gap="sm" grow>
            <Radio value="true" label="True" classNames={optionClasses} disabled={disabled} />
            <Radio value="false" label="False" classNames={optionClasses} disabled={disabled} />
          </Group>
        </Radio.Group>
      );
    case 'short_answer':
      return (
        <>
          <div id={stemId}>{stem}</div>
          <TextInput
            label="Your answer"
            aria-describedby={stemId}
            value={typeof response === 'string' ? response : ''}
            onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
            maxLength={SHORT_ANSWER_MAX}
            autoComplete="off"
            size="md"
            disabled={disabled}
          />
        </>
      );
    case 'numeric':
      return (
        <>
          <div id={stemId}>{stem}</div>
          <NumericAnswer response={response} onChange={onChange} disabled={disabled} stemId={stemId} />
        </>
      );
    case 'essay':
      return (
        <>
          <div id={stemId}>{stem}</div>
          <EssayAnswer response={response} onChange={onChange} disabled={disabled} stemId={stemId} />
        </>
      );
    default:
      return (
        <>
          <div id={stemId}>{stem}</div>
          <Text c="red" size="sm">
            This question type ({question.type}) cannot be answered here. Tell your teacher.
          </Text>
        </>
      );
  }
}

/** Keeps what is typed ("-", "3.") on screen; saves a number, or null when empty. */
function NumericAnswer({ response, onChange, disabled, stemId }: Omit<Props, 'question'>) {
  const [text, setText] = useState<string | number>(
    typeof response === 'number' ? response : typeof response === 'string' ? response : '',
  );
  return (
    <NumberInput
      label="Your answer"
      aria-describedby={stemId}
      value={text}
      onChange={(v) => {
        setText(v);
        if (typeof v === 'number' && Number.isFinite(v)) onChange(v);
        else if (v === '') onChange(null);
      }}
      hideControls
      inputMode="decimal"
      autoComplete="off"
      size="md"
      maw={320}
      disabled={disabled}
    />
  );
}

function wordCount(text: string): number {
  const t = text.trim();
  return t ? t.split(/\s+/).length : 0;
}

function EssayAnswer({ response, onChange, disabled, stemId }: Omit<Props, 'question'>) {
  const value = typeof response === 'string' ? response : '';
  const words = wordCount(value);
  return (
    <Stack gap={4}>
      <Textarea
        label="Your answer"
        aria-describedby={stemId}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
        autosize
        minRows={8}
        maxRows={20}
        maxLength={ESSAY_MAX}
        size="md"
        disabled={disabled}
      />
      <Text size="xs" c="dimmed" ta="right">
        {words} {words === 1 ? 'word' : 'words'}
      </Text>
    </Stack>
  );
}
