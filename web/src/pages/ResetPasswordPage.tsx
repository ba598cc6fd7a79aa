import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../api/client';
import { authApi } from '../api/endpoints';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { PASSWORD_MIN, validatePassword } from '../lib/validation';

/** The link itself is no good (unknown, used or expired): no point in showing the form again. */
function deadLink(err: unknown): boolean {
  return isApiError(err) && ['invalid_token', 'token_expired'].includes(err.code);
}

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

  const footer = (
    <Anchor component={Link} to="/signin">
      Back to sign in
    </Anchor>
  );

  if (!token || deadLink(reset.error)) {
    const expired = isApiError(reset.error, 'token_expired');
    return (
      <AuthLayout title={expired ? 'This reset link has expired' : 'This reset link does not work'} footer={footer}>
        <Stack>
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {!token
              ? 'The link is missing part of its address. Open it again from the email, or ask for a new one.'
              : expired
                ? 'Reset links only work for a short time. Ask for a new one and use it soon after it arrives.'
                : errorMessage(reset.error)}
          </Alert>
          <Button component={Link} to="/forgot-password" fullWidth>
            Request a new reset link
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Choose a new password" subtitle="You will sign in with it from now on" footer={footer}>
      <form noValidate onSubmit={form.onSubmit((v) => reset.mutate(v.password))}>
        <Stack>
          <ErrorAlert error={reset.error} title="Could not reset your password" />
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
    </AuthLayout>
  );
}
