import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { authApi } from '../api/endpoints';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { validateEmail } from '../lib/validation';

export function ForgotPasswordPage() {
  const form = useForm({ mode: 'controlled', initialValues: { email: '' }, validate: { email: validateEmail } });
  const forgot = useMutation({ mutationFn: authApi.forgotPassword });
  const footer = (
    <Anchor component={Link} to="/signin">
      Back to sign in
    </Anchor>
  );

  if (forgot.isSuccess) {
    return (
      <AuthLayout title="Check your email" footer={footer}>
        <Stack>
          <Alert color="green" variant="light" icon={<IconMailCheck size={18} />} role="status">
            If <b>{forgot.variables}</b> belongs to a Procta account, we have sent it a link to choose a new password.
            The link only works for a short time.
          </Alert>
          <Text size="sm" c="dimmed" ta="center">
            No email after a few minutes? Check your spam folder or{' '}
            <Anchor component="button" type="button" size="sm" onClick={() => forgot.reset()} style={{ verticalAlign: 'baseline' }}>
              try again
            </Anchor>
            .
          </Text>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Forgot your password?"
      subtitle="Enter your email and we will send you a link to choose a new one"
      footer={footer}
    >
      <form noValidate onSubmit={form.onSubmit((v) => forgot.mutate(v.email.trim()))}>
        <Stack>
          <ErrorAlert error={forgot.error} />
          <TextInput label="Email" type="email" autoComplete="email" autoFocus {...form.getInputProps('email')} />
          <Button type="submit" fullWidth loading={forgot.isPending}>
            Send reset link
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
