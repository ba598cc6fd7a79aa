import { Alert, Anchor, Button, Center, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../api/client';
import { authApi, inviteApi } from '../api/endpoints';
import { useMe, useSetMe } from '../api/queries';
import type { InviteAccept } from '../api/types';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { roleLabel } from '../lib/permissions';
import { PASSWORD_MIN, required, validatePassword } from '../lib/validation';

export function InvitePage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const { data: me, isPending: mePending } = useMe();
  const accept = useMutation({
    mutationFn: (body: InviteAccept) => inviteApi.accept(token, body),
    onSuccess: (newMe) => {
      setMe(newMe);
      navigate('/dashboard', { replace: true });
    },
  });
  // Once accepted the invite is used up; do not refetch it on the way out.
  const invite = useQuery({
    queryKey: ['invite', token],
    queryFn: () => inviteApi.get(token),
    retry: false,
    enabled: !accept.isSuccess,
  });
  const signOut = useMutation({ mutationFn: authApi.logout, onSuccess: () => setMe(null) });

  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', password: '' },
    validate: { name: required('Your name'), password: validatePassword },
  });

  if (invite.isPending || mePending) {
    return (
      <AuthLayout title="Checking your invite">
        <Center py="lg">
          <Loader aria-label="Loading invite" />
        </Center>
      </AuthLayout>
    );
  }

  if (invite.error || !invite.data) {
    const used = isApiError(invite.error, 'invite_used');
    const expired = !used && (isApiError(invite.error, 'invite_expired') || (isApiError(invite.error) && invite.error.status === 410));
    const notFound = isApiError(invite.error) && invite.error.status === 404;
    const title = used ? 'This invite was already used' : expired ? 'This invite has expired' : 'Invite not found';
    const message = used
      ? 'Someone already joined with this link. If that was you, sign in to reach your organization.'
      : expired
        ? 'Invites work for a limited time. Ask the person who invited you to send a new one.'
        : notFound
          ? 'The link may be incomplete or the invite may have been withdrawn. Open it again from the email, or ask for a new invite.'
          : errorMessage(invite.error);
    return (
      <AuthLayout
        title={title}
        footer={
          used ? undefined : (
            <Anchor component={Link} to="/signin">
              Go to sign in
            </Anchor>
          )
        }
      >
        <Stack>
          <Alert color={used ? 'indigo' : 'red'} variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {message}
          </Alert>
          {used && (
            <Button component={Link} to="/signin" fullWidth>
              Sign in
            </Button>
          )}
        </Stack>
      </AuthLayout>
    );
  }

  const inv = invite.data;
  const role = roleLabel(inv.role).toLowerCase();
  const signedInAsInvitee = !!me && me.user.email.toLowerCase() === inv.email.toLowerCase();
  const signedInAsOther = !!me && !signedInAsInvitee;
  const next = encodeURIComponent(`/invite/${token}`);

  return (
    <AuthLayout
      title={`Join ${inv.org_name} on Procta as ${role}`}
      subtitle={
        inv.invited_by ? `${inv.invited_by} invited ${inv.email}` : `This invite is for ${inv.email}`
      }
    >
      <Stack>
        <ErrorAlert error={accept.error} title="Could not accept the invite" />

        {signedInAsInvitee && (
          <>
            <Text size="sm" ta="center">
              You are signed in as <b>{me.user.email}</b>.
            </Text>
            <Button fullWidth loading={accept.isPending} onClick={() => accept.mutate({})}>
              Accept invite
            </Button>
          </>
        )}

        {signedInAsOther && (
          <>
            <Alert color="yellow" variant="light" title="Signed in as someone else">
              You are signed in as {me.user.email}. Sign out, then open this link again to accept the invite as{' '}
              {inv.email}.
            </Alert>
            <Button variant="default" fullWidth loading={signOut.isPending} onClick={() => signOut.mutate()}>
              Sign out
            </Button>
          </>
        )}

        {!me && inv.user_exists && (
          <>
            <Text size="sm" ta="center">
              You already have a Procta account. Sign in as {inv.email} to accept.
            </Text>
            <Button component={Link} to={`/signin?next=${next}`} fullWidth>
              Sign in to accept
            </Button>
          </>
        )}

        {!me && !inv.user_exists && (
          <form
            noValidate
            onSubmit={form.onSubmit((v) => accept.mutate({ name: v.name.trim(), password: v.password }))}
          >
            <Stack>
              <TextInput label="Email" value={inv.email} readOnly variant="filled" />
              <TextInput label="Your name" autoComplete="name" autoFocus {...form.getInputProps('name')} />
              <PasswordInput
                label="Password"
                description={`At least ${PASSWORD_MIN} characters`}
                autoComplete="new-password"
                {...form.getInputProps('password')}
              />
              <Button type="submit" fullWidth loading={accept.isPending}>
                Accept invite
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </AuthLayout>
  );
}
