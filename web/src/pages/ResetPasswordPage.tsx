import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { authApi } from '../api/endpoints';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { PASSWORD_MIN, validatePassword } from '../lib/validation';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();

  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', confirm: '' },
    validate: {
      password: validatePassword,
      confirm: (value: string, values) => (value === values.password ? null : 'Passwords do not match'),
    },
  });

  const reset = useMutation({
    mutationFn: (password: string) => authApi.resetPassword(token, password),
    onSuccess: () => {
      notifications.show({ color: 'green', title: 'Password updated', message: 'Sign in with your new password.' });
      navigate('/signin', { replace: true });
    },
  });

  return (
    <AuthLayout
      title="Choose a new password"
      footer={
        <Anchor component={Link} to="/signin">
          Back to sign in
        </Anchor>
      }
    >
      {!token ? (
        <Alert color="red" variant="light" title="Invalid reset link" role="alert">
          This link is missing its token.{' '}
          <Anchor component={Link} to="/forgot-password">
            Request a new reset link
          </Anchor>
          .
        </Alert>
      ) : (
        <form noValidate onSubmit={form.onSubmit((v) => reset.mutate(v.password))}>
          <Stack>
            <ErrorAlert error={reset.error} title="Could not reset your password" />
            {reset.error && (
              <Anchor component={Link} to="/forgot-password" size="sm">
                Request a new reset link
              </Anchor>
            )}
            <PasswordInput
              label="New password"
              description={`At least ${PASSWORD_MIN} characters`}
              autoComplete="new-password"
              autoFocus
              {...form.getInputProps('password')}
            />
            <PasswordInput label="Confirm new password" autoComplete="new-password" {...form.getInputProps('confirm')} />
            <Button type="submit" fullWidth loading={reset.isPending}>
              Reset password
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
