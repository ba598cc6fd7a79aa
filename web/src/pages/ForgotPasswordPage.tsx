import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
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

  return (
    <AuthLayout
      title="Forgot your password?"
      subtitle="Enter your email and we will send you a link to reset it"
      footer={
        <Anchor component={Link} to="/signin">
          Back to sign in
        </Anchor>
      }
    >
      {forgot.isSuccess ? (
        <Alert color="green" variant="light" icon={<IconMailCheck size={18} />} title="Check your email" role="status">
          {forgot.data?.detail ||
            'If an account exists for that email, we have sent a link to reset your password.'}
        </Alert>
      ) : (
        <form noValidate onSubmit={form.onSubmit((v) => forgot.mutate(v.email.trim()))}>
          <Stack>
            <ErrorAlert error={forgot.error} />
            <TextInput label="Email" type="email" autoComplete="email" autoFocus {...form.getInputProps('email')} />
            <Button type="submit" fullWidth loading={forgot.isPending}>
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
