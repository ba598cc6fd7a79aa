import { Button, Group, PasswordInput, SimpleGrid, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../../api/endpoints';
import { keys } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Page';
import { PASSWORD_MIN, validatePassword } from '../../lib/validation';

export function ChangePasswordSection() {
  const qc = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { current: '', next: '', confirm: '' },
    validate: {
      current: (v: string) => (v ? null : 'Current password is required'),
      next: (v: string, values) =>
        validatePassword(v) ?? (v === values.current ? 'Choose a password different from the current one' : null),
      confirm: (v: string, values) => (v === values.next ? null : 'Passwords do not match'),
    },
  });

  const change = useMutation({
    mutationFn: (v: { current: string; next: string }) => authApi.changePassword(v.current, v.next),
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'green', title: 'Password changed', message: 'Your new password is in use.' });
      void qc.invalidateQueries({ queryKey: keys.sessions });
      void qc.invalidateQueries({ queryKey: keys.myAudit });
    },
  });

  return (
    <Section title="Change password">
      <form noValidate onSubmit={form.onSubmit((v) => change.mutate(v))}>
        <Stack maw={720}>
          <ErrorAlert error={change.error} title="Could not change your password" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PasswordInput label="Current password" autoComplete="current-password" {...form.getInputProps('current')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PasswordInput
              label="New password"
              description={`At least ${PASSWORD_MIN} characters`}
              autoComplete="new-password"
              {...form.getInputProps('next')}
            />
            <PasswordInput
              label="Confirm new password"
              description="Type it again"
              autoComplete="new-password"
              {...form.getInputProps('confirm')}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
