import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { orgApi } from '../../api/endpoints';
import { keys } from '../../api/queries';
import type { Role } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Page';
import { ROLE_OPTIONS } from '../../lib/permissions';
import { validateEmail } from '../../lib/validation';

export function InviteForm() {
  const qc = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', role: 'teacher' as Role },
    validate: { email: validateEmail, role: (v: string) => (v ? null : 'Choose a role') },
  });

  const invite = useMutation({
    mutationFn: orgApi.createInvite,
    onSuccess: (inv) => {
      notifications.show({ color: 'green', title: 'Invite sent', message: `We emailed an invite to ${inv.email}.` });
      form.reset();
      void qc.invalidateQueries({ queryKey: keys.invites });
    },
  });

  return (
    <Section title="Invite a member" description="They get an email with a link to join; the invite stays pending until they accept.">
      <form noValidate onSubmit={form.onSubmit((v) => invite.mutate({ email: v.email.trim(), role: v.role }))}>
        <Stack>
          <ErrorAlert error={invite.error} title="Could not send the invite" />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Email"
              type="email"
              placeholder="teacher@school.edu"
              autoComplete="off"
              style={{ flex: '1 1 260px' }}
              {...form.getInputProps('email')}
            />
            <Select
              label="Role"
              data={ROLE_OPTIONS}
              allowDeselect={false}
              w={{ base: '100%', xs: 160 }}
              {...form.getInputProps('role')}
            />
            <Button type="submit" loading={invite.isPending} mt={{ base: 0, xs: 25 }}>
              Send invite
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
