import { Button, Divider, Group, Modal, NumberInput, Select, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PHONE_QUERY } from '../../../components/TableStates';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { questionsApi } from '../api';
import { bankKeys, useTags } from '../queries';
import type { Question, QuestionType } from '../types';
import { AnswerFields } from './AnswerFields';
import { changeType, emptyQuestion, questionBody, validateQuestion, valuesFromQuestion, type QuestionValues } from './questionForm';
import { TYPE_OPTIONS } from './questionTypes';

interface Props {
  /** The question to edit; null to add one. */
  question: Question | null;
  onClose: () => void;
}

/** Add or edit a question; rendered only while open, so each opening starts fresh. */
export function QuestionFormModal({ question, onClose }: Props) {
  const phone = useMediaQuery(PHONE_QUERY, false);
  const qc = useQueryClient();
  const tags = useTags();
  const form = useForm<QuestionValues>({
    mode: 'controlled',
    initialValues: question ? valuesFromQuestion(question) : emptyQuestion(),
    validate: validateQuestion,
  });

  const save = useMutation({
    mutationFn: (values: QuestionValues) =>
      question ? questionsApi.update(question.id, questionBody(values)) : questionsApi.create(questionBody(values)),
    onSuccess: () => {
      notifications.show({ color: 'green', message: question ? 'Question saved.' : 'Question added to the bank.' });
      void qc.invalidateQueries({ queryKey: bankKeys.questions });
      onClose();
    },
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={question ? 'Edit question' : 'Add question'}
      size="lg"
      fullScreen={phone}
      closeOnClickOutside={false}
    >
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack>
          {question && (
            <Text size="sm" c="dimmed">
              Version {question.version}. Saving a change makes version {question.version + 1}; attempts already
              submitted keep the version the student saw.
            </Text>
          )}
          <Select
            label="Question type"
            data={TYPE_OPTIONS}
            allowDeselect={false}
            value={form.getValues().type}
            onChange={(value) => value && form.setValues(changeType(form.getValues(), value as QuestionType))}
          />
          <Textarea
            label="Question"
            placeholder="What is the SI unit of force?"
            autosize
            minRows={3}
            maxRows={12}
            data-autofocus
            {...form.getInputProps('stem')}
          />
          <AnswerFields form={form} />
          <Divider />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <NumberInput label="Points" min={0} max={1000} decimalScale={2} w={{ base: '100%', xs: 140 }} {...form.getInputProps('points')} />
            <TagsInput
              label="Tags"
              placeholder="Type a tag and press Enter"
              data={tags.data?.map((t) => t.tag) ?? []}
              maxTags={20}
              clearable
              style={{ flex: '1 1 240px' }}
              {...form.getInputProps('tags')}
              onChange={(value) => form.setFieldValue('tags', value.map((t) => t.trim().toLowerCase()).filter(Boolean))}
            />
          </Group>
          <Textarea
            label="Explanation"
            description="Shown with the results: why the answer is right, or a model answer."
            autosize
            minRows={2}
            maxRows={8}
            {...form.getInputProps('explanation')}
          />
          <ErrorAlert error={save.error} title="Could not save the question" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {question ? 'Save question' : 'Add question'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
