import { Badge, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { authApi } from '../../api/endpoints';
import { keys, useMe } from '../../api/queries';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Page';
import { validateCode } from '../../lib/validation';

export function TwoFactorSection() {
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [awaitingCode, setAwaitingCode] = useState(false);

  const onMe = (next: Me) => {
    qc.setQueryData(keys.me, next);
    void qc.invalidateQueries({ queryKey: keys.myAudit });
  };

  const codeForm = useForm({ mode: 'controlled', initialValues: { code: '' }, validate: { code: validateCode } });
  const disableForm = useForm({
    mode: 'controlled',
    initialValues: { password: '' },
    validate: { password: (v: string) => (v ? null : 'Enter your password') },
  });

  const start = useMutation({
    mutationFn: authApi.enableTwoFactor,
    onSuccess: () => {
      codeForm.reset();
      setAwaitingCode(true);
    },
  });
  const confirm = useMutation({
    mutationFn: (code: string) => authApi.confirmTwoFactor(code),
    onSuccess: (next) => {
      onMe(next);
      setAwaitingCode(false);
      notifications.show({ color: 'green', title: 'Two-factor authentication is on', message: 'We will ask for a code when you sign in.' });
    },
  });
  const disable = useMutation({
    mutationFn: (password: string) => authApi.disableTwoFactor(password),
    onSuccess: (next) => {
      onMe(next);
      disableForm.reset();
      notifications.show({ color: 'green', message: 'Two-factor authentication is off.' });
    },
  });

  if (!me) return null;
  const enabled = me.user.two_factor_enabled;

  return (
    <Section
      title="Two-factor authentication"
      description="Ask for a 6-digit code, sent to your email, every time you sign in."
      actions={
        <Badge color={enabled ? 'green' : 'gray'} variant="light" size="lg">
          {enabled ? 'Enabled' : 'Disabled'}
        </Badge>
      }
    >
      <Stack maw={480}>
        {enabled ? (
          <form noValidate onSubmit={disableForm.onSubmit((v) => disable.mutate(v.password))}>
            <Stack>
              <ErrorAlert error={disable.error} title="Could not turn off two-factor" />
              <PasswordInput
                label="Password to disable two-factor"
                description="Confirm with your account password"
                autoComplete="current-password"
                {...disableForm.getInputProps('password')}
              />
              <Group>
                <Button type="submit" color="red" variant="light" loading={disable.isPending}>
                  Disable two-factor
                </Button>
              </Group>
            </Stack>
          </form>
        ) : awaitingCode ? (
          <form noValidate onSubmit={codeForm.onSubmit((v) => confirm.mutate(v.code.replace(/\s/g, '')))}>
            <Stack>
              <Text size="sm">
                We emailed a 6-digit code to <b>{me.user.email}</b>. Enter it to turn on two-factor authentication.
              </Text>
              <ErrorAlert error={confirm.error} title="Could not confirm the code" />
              <TextInput
                label="Verification code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
                {...codeForm.getInputProps('code')}
              />
              <Group>
                <Button type="submit" loading={confirm.isPending}>
                  Confirm code
                </Button>
                <Button variant="subtle" onClick={() => start.mutate()} loading={start.isPending}>
                  Send a new code
                </Button>
                <Button variant="default" onClick={() => setAwaitingCode(false)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Stack>
            <ErrorAlert error={start.error} title="Could not start two-factor setup" />
            <Group>
              <Button onClick={() => start.mutate()} loading={start.isPending}>
                Enable two-factor
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
