import { Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { authApi } from '../api/endpoints';
import { useMe, useSetMe } from '../api/queries';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { FullPageLoader } from '../components/FullPageLoader';
import { safeNext, validateEmail } from '../lib/validation';

/** Where to go after signing in: ?next=..., the page that sent us here, or the dashboard. */
export function useAfterSignIn(): string {
  const [params] = useSearchParams();
  const location = useLocation();
  const from = (location.state as { from?: string; next?: string } | null) ?? null;
  return safeNext(params.get('next')) ?? safeNext(from?.next) ?? safeNext(from?.from) ?? '/dashboard';
}

export function SignInPage() {
  const { data: me, isPending } = useMe();
  const setMe = useSetMe();
  const navigate = useNavigate();
  const next = useAfterSignIn();

  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: validateEmail,
      password: (v: string) => (v ? null : 'Password is required'),
    },
  });

  const login = useMutation({
    mutationFn: authApi.login,
    onSuccess: (res) => {
      if (res.status === 'two_factor_required' || !res.me) {
        navigate('/signin/verify', {
          state: { challengeToken: res.challenge_token, emailHint: res.email_hint, next },
        });
        return;
      }
      setMe(res.me);
      navigate(next, { replace: true });
    },
  });

  if (isPending) return <FullPageLoader />;
  if (me && !login.isPending) return <Navigate to={next} replace />;

  return (
    <AuthLayout
      title="Welcome Back"
      subtitle="Sign in to your teacher dashboard"
      footer={
        <>
          New to Procta?{' '}
          <Anchor component={Link} to="/signup" fw={500}>
            Start a free trial
          </Anchor>
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => login.mutate({ email: values.email.trim(), password: values.password }))}
      >
        <Stack>
          <ErrorAlert error={login.error} title="Sign-in failed" />
          <TextInput label="Email" type="email" autoComplete="email" autoFocus {...form.getInputProps('email')} />
          <Stack gap={6}>
            <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
            <Group justify="flex-end">
              <Anchor component={Link} to="/forgot-password" size="sm">
                Forgot password?
              </Anchor>
            </Group>
          </Stack>
          <Button type="submit" fullWidth loading={login.isPending}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
