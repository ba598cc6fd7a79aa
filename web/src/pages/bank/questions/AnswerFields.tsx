import { Alert, Group, NumberInput, Radio, SegmentedControl, Input, Stack, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconWriting } from '@tabler/icons-react';
import { ChoiceOptions } from './ChoiceOptions';
import type { MatchMode, QuestionValues } from './questionForm';
import { isChoice } from './questionTypes';

/** The part of the editor that changes with the question type: options or the answer key. */
export function AnswerFields({ form }: { form: UseFormReturnType<QuestionValues> }) {
  const { type, match } = form.getValues();
  if (isChoice(type)) return <ChoiceOptions form={form} />;

  if (type === 'true_false') {
    return (
      <Radio.Group label="Correct answer" {...form.getInputProps('trueFalse')}>
        <Group mt="xs">
          <Radio value="true" label="True" />
          <Radio value="false" label="False" />
        </Group>
      </Radio.Group>
    );
  }

  if (type === 'short_answer') {
    return (
      <Stack gap="sm">
        <Textarea
          label="Accepted answers"
          description="One per line. A response matching any of them earns the points; spaces around it are ignored."
          placeholder={'Paris\nParis, France'}
          autosize
          minRows={3}
          maxRows={8}
          {...form.getInputProps('accepted')}
        />
        <Input.Wrapper label="Matching" description="How a response is compared with the accepted answers.">
          <SegmentedControl
            mt={6}
            value={match}
            onChange={(value) => form.setFieldValue('match', value as MatchMode)}
            data={[
              { value: 'case_insensitive', label: 'Ignore case' },
              { value: 'exact', label: 'Exact' },
            ]}
          />
        </Input.Wrapper>
      </Stack>
    );
  }

  if (type === 'numeric') {
    return (
      <Group grow align="flex-start" gap="sm" wrap="wrap">
        <NumberInput
          label="Correct answer"
          placeholder="9.81"
          decimalSeparator="."
          allowedDecimalSeparators={[',']}
          hideControls
          miw={160}
          {...form.getInputProps('numericValue')}
        />
        <NumberInput
          label="Tolerance (±)"
          description="Answers this close to the value count as correct."
          min={0}
          hideControls
          miw={160}
          {...form.getInputProps('tolerance')}
        />
      </Group>
    );
  }

  return (
    <Alert variant="light" color="blue" icon={<IconWriting size={18} />} title="Graded by hand">
      Essays have no answer key: you grade each response after the exam. Put a model answer or your rubric in the
      explanation below.
    </Alert>
  );
}
