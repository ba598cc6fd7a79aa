import { Button, Group, Skeleton, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { orgApi } from '../../api/endpoints';
import { keys, useOrg } from '../../api/queries';
import type { Organization, OrgUpdate } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Page';
import { required, validateSlug } from '../../lib/validation';

export function OrgDetailsSection() {
  const qc = useQueryClient();
  const org = useOrg();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', slug: '' },
    validate: { name: required('Organization name'), slug: validateSlug },
  });

  // Load the server's values into the form once they arrive (and after each save).
  const { setInitialValues, setValues } = form;
  useEffect(() => {
    if (org.data) {
      const values = { name: org.data.name, slug: org.data.slug };
      setInitialValues(values);
      setValues(values);
    }
  }, [org.data, setInitialValues, setValues]);

  const save = useMutation({
    mutationFn: (body: OrgUpdate) => orgApi.update(body),
    onSuccess: (updated: Organization) => {
      qc.setQueryData(keys.org, updated);
      void qc.invalidateQueries({ queryKey: keys.me });
      notifications.show({ color: 'green', message: 'Organization settings saved.' });
    },
  });

  return (
    <Section title="Organization details">
      {org.error ? (
        <ErrorAlert error={org.error} title="Could not load the organization" />
      ) : org.isPending ? (
        <Stack maw={480}>
          <Skeleton height={56} />
          <Skeleton height={56} />
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((v) => {
            const body: OrgUpdate = {};
            if (v.name.trim() !== org.data.name) body.name = v.name.trim();
            if (v.slug.trim() !== org.data.slug) body.slug = v.slug.trim();
            save.mutate(body);
          })}
        >
          <Stack maw={480}>
            <ErrorAlert error={save.error} title="Could not save" />
            <TextInput label="Organization name" {...form.getInputProps('name')} />
            <TextInput
              label="Slug"
              description="Lowercase letters, numbers and dashes; used in links"
              autoCapitalize="none"
              spellCheck={false}
              {...form.getInputProps('slug')}
            />
            <Group>
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                Save changes
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}
