import { Button, Center, Divider, Group, Loader, Paper, SimpleGrid, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconCircleCheck, IconLinkOff } from '@tabler/icons-react';
import { useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StudentLayout } from '../../../student/components/StudentLayout';
import { registrationApi } from '../api';
import type { RegisteredStudent } from '../types';
import { validateRegistration, type RegistrationValues } from './registrationForm';

function Registered({ student, teacher }: { student: RegisteredStudent; teacher: string }) {
  return (
    <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby="done-title" role="status">
      <Stack gap="md" align="flex-start">
        <ThemeIcon size={44} radius="xl" color="green" variant="light">
          <IconCircleCheck size={28} />
        </ThemeIcon>
        <Title order={1} id="done-title" fz={{ base: 24, sm: 28 }}>
          You are registered
        </Title>
        <Text>
          {student.name}, you are now on {teacher}’s student list with roll number <b>{student.roll_number}</b>.
        </Text>
        <Text size="sm" c="dimmed">
          Your teacher will send you a link to each exam. To join it, enter this roll number. You can close this page.
        </Text>
      </Stack>
    </Paper>
  );
}

/** /register/:token — a student adds themself to a teacher's roster through the teacher's link. */
export function RegisterPage() {
  const { token = '' } = useParams();
  const info = useQuery({
    queryKey: ['bank', 'register', token],
    queryFn: () => registrationApi.info(token),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
  const form = useForm<RegistrationValues>({
    mode: 'controlled',
    initialValues: { roll_number: '', name: '', email: '' },
    validate: validateRegistration,
  });
  const register = useMutation({
    mutationFn: (v: RegistrationValues) =>
      registrationApi.register(token, { roll_number: v.roll_number.trim(), name: v.name.trim(), email: v.email.trim() }),
  });

  if (info.isPending) {
    return (
      <StudentLayout title="Register">
        <Center mih="40vh" role="status" aria-label="Loading">
          <Loader />
        </Center>
      </StudentLayout>
    );
  }

  if (info.error) {
    const invalid = info.error instanceof ApiError && info.error.status === 404;
    return (
      <StudentLayout title="Register">
        <Paper p={{ base: 'lg', sm: 'xl' }}>
          <Stack gap="sm" align="flex-start">
            <ThemeIcon size={44} radius="xl" color={invalid ? 'orange' : 'red'} variant="light">
              <IconLinkOff size={26} />
            </ThemeIcon>
            <Title order={1} fz={24}>
              {invalid ? 'This link does not work' : 'Could not open this link'}
            </Title>
            <Text c="dimmed">
              {invalid
                ? 'The registration link is not valid any more: your teacher may have replaced it with a new one. Ask your teacher for the current link.'
                : errorMessage(info.error)}
            </Text>
            {!invalid && (
              <Button variant="light" onClick={() => void info.refetch()}>
                Try again
              </Button>
            )}
          </Stack>
        </Paper>
      </StudentLayout>
    );
  }

  const { org_name, teacher_name } = info.data;
  return (
    <StudentLayout title="Register" org={org_name}>
      {register.data ? (
        <Registered student={register.data} teacher={teacher_name} />
      ) : (
        <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby="register-title">
          <form noValidate onSubmit={form.onSubmit((v) => register.mutate(v))} aria-labelledby="register-title">
            <Stack gap="lg">
              <Stack gap={4}>
                <Text size="sm" c="dimmed" fw={500}>
                  {org_name}
                </Text>
                <Title order={1} id="register-title" fz={{ base: 24, sm: 28 }} style={{ textWrap: 'balance' }}>
                  Register with {teacher_name}
                </Title>
                <Text size="sm" c="dimmed">
                  Add yourself to your teacher’s student list. No account or password is needed.
                </Text>
              </Stack>
              <ErrorAlert error={register.error} title="Could not register you" />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label="Roll number"
                  required
                  autoFocus
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  maxLength={60}
                  {...form.getInputProps('roll_number')}
                />
                <TextInput label="Full name" required autoComplete="name" maxLength={120} {...form.getInputProps('name')} />
              </SimpleGrid>
              <TextInput
                label="Email"
                type="email"
                required
                autoComplete="email"
                autoCapitalize="none"
                spellCheck={false}
                {...form.getInputProps('email')}
              />
              <Divider />
              <Group justify="space-between" gap="sm">
                <Text size="xs" c="dimmed" maw={420}>
                  Your teacher sees your roll number, name and email.
                </Text>
                <Button type="submit" loading={register.isPending}>
                  Register
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </StudentLayout>
  );
}
