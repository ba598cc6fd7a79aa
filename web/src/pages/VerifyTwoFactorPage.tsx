import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../api/client';
import { authApi } from '../api/endpoints';
import { useSetMe } from '../api/queries';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { safeNext, validateCode } from '../lib/validation';

interface ChallengeState {
  challengeToken?: string | null;
  emailHint?: string | null;
  next?: string;
}

export function VerifyTwoFactorPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const state = (location.state as ChallengeState | null) ?? {};

  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: validateCode },
  });

  const verify = useMutation({
    mutationFn: (code: string) => authApi.loginTwoFactor({ challenge_token: state.challengeToken!, code }),
    onSuccess: (res) => {
      setMe(res.me ?? null);
      navigate(safeNext(state.next) ?? '/dashboard', { replace: true });
    },
  });

  // Reloading loses the challenge; start again.
  if (!state.challengeToken) return <Navigate to="/signin" replace />;

  // An expired challenge or too many wrong codes: this challenge is dead.
  const expired =
    isApiError(verify.error) &&
    (verify.error.status === 429 || ['challenge_expired', 'challenge_invalid'].includes(verify.error.code));

  return (
    <AuthLayout
      title="Two-step verification"
      subtitle={`We emailed a 6-digit code to ${state.emailHint ?? 'your email address'}.`}
      footer={
        <Anchor component={Link} to="/signin">
          Back to sign in
        </Anchor>
      }
    >
      <form noValidate onSubmit={form.onSubmit((v) => verify.mutate(v.code.replace(/\s/g, '')))}>
        <Stack>
          <ErrorAlert error={verify.error} title={expired ? 'Please sign in again' : 'Verification failed'} />
          <TextInput
            label="Verification code"
            description="Enter the 6-digit code from the email"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            autoFocus
            styles={{ input: { letterSpacing: '0.3em', fontSize: 20, textAlign: 'center' } }}
            {...form.getInputProps('code')}
          />
          <Button type="submit" fullWidth loading={verify.isPending} disabled={expired}>
            Verify
          </Button>
          {expired && (
            <Text size="sm" ta="center">
              <Anchor component={Link} to="/signin">
                Start signing in again
              </Anchor>
            </Text>
          )}
        </Stack>
      </form>
    </AuthLayout>
  );
}
