import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { authApi } from '../api/endpoints';
import { useMe, useSetMe } from '../api/queries';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { PASSWORD_MIN, required, validateEmail, validatePassword } from '../lib/validation';

export function SignUpPage() {
  const { data: me } = useMe();
  const setMe = useSetMe();
  const navigate = useNavigate();

  const form = useForm({
    mode: 'controlled',
    initialValues: { org_name: '', name: '', email: '', password: '' },
    validate: {
      org_name: required('Organization name'),
      name: required('Your name'),
      email: validateEmail,
      password: validatePassword,
    },
  });

  const signup = useMutation({
    mutationFn: authApi.signup,
    onSuccess: (newMe) => {
      setMe(newMe);
      navigate('/dashboard', { replace: true });
    },
  });

  if (me && !signup.isPending && !signup.isSuccess) return <Navigate to="/dashboard" replace />;

  return (
    <AuthLayout
      title="Start free trial"
      subtitle="Create your organization and your teacher account"
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to="/signin" fw={500}>
            Sign in
          </Anchor>
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          signup.mutate({
            org_name: v.org_name.trim(),
            name: v.name.trim(),
            email: v.email.trim(),
            password: v.password,
          }),
        )}
      >
        <Stack>
          <ErrorAlert error={signup.error} title="Could not create your account" />
          <TextInput label="Organization name" autoComplete="organization" autoFocus {...form.getInputProps('org_name')} />
          <TextInput label="Your name" autoComplete="name" {...form.getInputProps('name')} />
          <TextInput label="Email" type="email" autoComplete="email" {...form.getInputProps('email')} />
          <PasswordInput
            label="Password"
            description={`At least ${PASSWORD_MIN} characters`}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" fullWidth loading={signup.isPending}>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
