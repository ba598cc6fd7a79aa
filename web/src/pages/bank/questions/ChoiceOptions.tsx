import { ActionIcon, Button, Checkbox, Group, Input, Radio, Stack, Switch, TextInput, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { newOption, type QuestionValues } from './questionForm';

const MAX_OPTIONS = 20;

/** The options of a single- or multiple-choice question, each marked correct or not. */
export function ChoiceOptions({ form }: { form: UseFormReturnType<QuestionValues> }) {
  const { type, options, partialCredit } = form.getValues();
  const single = type === 'single_choice';

  const markCorrect = (index: number, checked: boolean) => {
    form.setFieldValue(
      'options',
      options.map((o, i) => (i === index ? { ...o, correct: checked } : single ? { ...o, correct: false } : o)),
    );
    form.clearFieldError('options');
  };

  return (
    <Stack gap="xs">
      <Input.Wrapper
        label="Options"
        description={single ? 'Select the one correct option.' : 'Tick every correct option.'}
        error={form.errors.options}
      >
        <Stack gap="xs" mt={6}>
          {options.map((option, i) => (
            <Group key={option.key} gap="xs" wrap="nowrap" align="flex-start">
              {single ? (
                <Radio
                  mt={8}
                  checked={option.correct}
                  onChange={(e) => markCorrect(i, e.currentTarget.checked)}
                  name="correct-option"
                  aria-label={`Option ${i + 1} is the correct answer`}
                />
              ) : (
                <Checkbox
                  mt={8}
                  checked={option.correct}
                  onChange={(e) => markCorrect(i, e.currentTarget.checked)}
                  aria-label={`Option ${i + 1} is correct`}
                />
              )}
              <TextInput
                aria-label={`Option ${i + 1}`}
                placeholder={`Option ${i + 1}`}
                style={{ flex: 1 }}
                maxLength={2000}
                {...form.getInputProps(`options.${i}.text`)}
              />
              <Tooltip label="Remove option" withArrow>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={4}
                  size="lg"
                  aria-label={`Remove option ${i + 1}`}
                  disabled={options.length <= 2}
                  onClick={() => form.removeListItem('options', i)}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
        </Stack>
      </Input.Wrapper>
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconPlus size={16} />}
        disabled={options.length >= MAX_OPTIONS}
        onClick={() => form.insertListItem('options', newOption())}
        style={{ alignSelf: 'flex-start' }}
      >
        Add option
      </Button>
      {!single && (
        <Switch
          label="Partial credit"
          description="Each correct option ticked earns its share of the points; each wrong one takes a share away (never below 0). Off: all or nothing."
          checked={partialCredit}
          onChange={(e) => form.setFieldValue('partialCredit', e.currentTarget.checked)}
        />
      )}
    </Stack>
  );
}
