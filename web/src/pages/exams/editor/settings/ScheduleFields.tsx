import { Button, CloseButton, Group, MultiSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../../../api/client';
import { Section } from '../../../../components/Page';
import { examsApi } from '../../api';
import { localZone } from '../../lib/datetime';
import { useGroups } from '../../queries';
import type { SettingsForm } from './form';
import { ACCESS_CODE_MAX_LENGTH } from './settingsValues';

interface Props {
  form: SettingsForm;
  /** Set for an exam that exists: its access code can be regenerated on the server. */
  examId?: string;
  onCodeRegenerated: (code: string) => void;
}

const CLEAR_LABELS = { window_start: 'Remove the opening time', window_end: 'Remove the closing time' };

function WindowInput({ form, field, label }: { form: SettingsForm; field: 'window_start' | 'window_end'; label: string }) {
  const value = form.values[field];
  return (
    <TextInput
      type="datetime-local"
      label={label}
      description={`Your local time (${localZone()}). Empty: no limit.`}
      rightSection={
        value ? <CloseButton size="sm" aria-label={CLEAR_LABELS[field]} onClick={() => form.setFieldValue(field, '')} /> : null
      }
      {...form.getInputProps(field)}
    />
  );
}

export function ScheduleFields({ form, examId, onCodeRegenerated }: Props) {
  const groups = useGroups();
  const regenerate = useMutation({
    mutationFn: () => examsApi.regenerateCode(examId!),
    onSuccess: ({ access_code }) => {
      onCodeRegenerated(access_code);
      notifications.show({ color: 'green', title: 'New access code saved', message: `Students now need ${access_code}.` });
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Could not make a new code', message: errorMessage(err) }),
  });
  const code = form.values.access_code.trim();

  return (
    <Section title="Schedule and access" description="When the exam is open, and who may start it.">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <WindowInput form={form} field="window_start" label="Opens at" />
          <WindowInput form={form} field="window_end" label="Closes at" />
        </SimpleGrid>
        <div>
          <TextInput
            label="Access code"
            description="Students type this code to start. Empty: anyone with the link can start."
            placeholder="No access code"
            maxLength={ACCESS_CODE_MAX_LENGTH}
            autoComplete="off"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: 1 } }}
            rightSection={
              code ? (
                <CloseButton size="sm" aria-label="Remove the access code" onClick={() => form.setFieldValue('access_code', '')} />
              ) : null
            }
            {...form.getInputProps('access_code')}
          />
          {examId && (
            <Group gap="xs" mt="xs">
              <Button
                size="xs"
                variant="light"
                leftSection={<IconRefresh size={14} />}
                loading={regenerate.isPending}
                onClick={() => regenerate.mutate()}
              >
                {code ? 'Regenerate code' : 'Generate a code'}
              </Button>
              <Text size="xs" c="dimmed">
                A generated code is saved at once.
              </Text>
            </Group>
          )}
        </div>
        <div>
          <MultiSelect
            label="Groups allowed"
            placeholder={form.values.group_ids.length ? undefined : groups.isPending ? 'Loading groups…' : 'All students'}
            data={(groups.data ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.member_count})` }))}
            searchable
            clearable
            nothingFoundMessage={groups.data?.length ? 'No such group' : 'No groups yet'}
            {...form.getInputProps('group_ids')}
          />
          <Text size="sm" c="dimmed" mt={6}>
            {form.values.group_ids.length
              ? 'Only members of these groups can start this exam.'
              : 'All students can access this exam'}
          </Text>
          {groups.isError && (
            <Text size="sm" c="red" mt={4}>
              Could not load the groups: {errorMessage(groups.error)}
            </Text>
          )}
        </div>
      </Stack>
    </Section>
  );
}
