import { Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useWindowEvent } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { examsApi } from '../../api';
import { useExamChanged } from '../../queries';
import type { Exam } from '../../types';
import { SaveBar } from '../SaveBar';
import { DetailsFields } from './DetailsFields';
import { ProctoringFields } from './ProctoringFields';
import { RulesFields } from './RulesFields';
import { ScheduleFields } from './ScheduleFields';
import {
  createBody,
  fieldError,
  newExamValues,
  patchBody,
  validateSettings,
  valuesFromExam,
  type SettingsValues,
} from './settingsValues';

/** Puts the keyboard on the first field the checks marked, once it has rendered. */
function focusFirstError() {
  window.setTimeout(() => {
    document.querySelector<HTMLElement>('[data-exam-settings] [aria-invalid="true"]')?.focus();
  });
}

/** The settings of a new exam (created on save) or of an existing one (saved with PATCH). */
export function SettingsForm({ exam }: { exam?: Exam }) {
  const navigate = useNavigate();
  const changed = useExamChanged();
  const [saved, setSaved] = useState<SettingsValues>(() => (exam ? valuesFromExam(exam) : newExamValues()));
  const form = useForm<SettingsValues>({ mode: 'controlled', initialValues: saved, validate: validateSettings });
  const flags = exam?.flags ?? [];
  const dirty = JSON.stringify(form.values) !== JSON.stringify(saved);

  useWindowEvent('beforeunload', (event) => {
    if (dirty) event.preventDefault();
  });

  const save = useMutation({
    mutationFn: (values: SettingsValues) =>
      exam ? examsApi.update(exam.id, patchBody(values, flags)) : examsApi.create(createBody(values)),
    onSuccess: (result) => {
      changed(result);
      if (!exam) {
        notifications.show({ color: 'green', title: 'Exam created', message: 'Now add its questions.' });
        navigate(`/exams/${result.id}?tab=questions`, { replace: true });
        return;
      }
      const next = valuesFromExam(result);
      setSaved(next);
      form.setValues(next);
      notifications.show({ color: 'green', message: 'Settings saved.' });
    },
    onError: (err) => {
      const found = fieldError(err);
      if (found) {
        form.setFieldError(found.field, found.message);
        focusFirstError();
      }
    },
  });

  const codeRegenerated = (code: string) => {
    setSaved((s) => ({ ...s, access_code: code }));
    form.setFieldValue('access_code', code);
    if (exam) changed({ ...exam, access_code: code, has_access_code: true });
  };

  return (
    <form
      noValidate
      data-exam-settings
      onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)}
    >
      <Stack gap="lg">
        <DetailsFields form={form} />
        <ScheduleFields form={form} examId={exam?.id} onCodeRegenerated={codeRegenerated} />
        <ProctoringFields form={form} flags={flags} />
        <RulesFields form={form} />
        <SaveBar sticky={dirty}>
          <ErrorAlert error={save.error} title={exam ? 'Could not save the settings' : 'Could not create the exam'} />
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {Object.keys(form.errors).length > 0
                ? 'Fix the fields marked in red.'
                : exam
                  ? dirty
                    ? 'You have unsaved changes.'
                    : 'All settings saved.'
                  : 'The exam starts as a draft.'}
            </Text>
            <Group gap="sm">
              {exam ? (
                <Button
                  variant="default"
                  disabled={!dirty || save.isPending}
                  onClick={() => {
                    form.setValues(saved);
                    form.clearErrors();
                    save.reset();
                  }}
                >
                  Discard changes
                </Button>
              ) : (
                <Button variant="default" component={Link} to="/exams">
                  Cancel
                </Button>
              )}
              <Button type="submit" loading={save.isPending} disabled={!!exam && !dirty}>
                {exam ? 'Save settings' : 'Create exam'}
              </Button>
            </Group>
          </Group>
        </SaveBar>
      </Stack>
    </form>
  );
}
