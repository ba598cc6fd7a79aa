import { Badge, Button, Code, Group, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { orgApi } from '../../api/endpoints';
import { keys, useApiKeys } from '../../api/queries';
import type { ApiKey, ApiKeyCreated } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CARD_PX, Section } from '../../components/Page';
import { DataTable } from '../../components/TableStates';
import { formatDateTime } from '../../lib/format';
import { required } from '../../lib/validation';
import { NewApiKeyModal } from './NewApiKeyModal';

export function ApiKeysSection() {
  const qc = useQueryClient();
  const apiKeys = useApiKeys();
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const form = useForm({ mode: 'controlled', initialValues: { name: '' }, validate: { name: required('Key name') } });

  const create = useMutation({
    mutationFn: (name: string) => orgApi.createApiKey(name),
    onSuccess: (key) => {
      form.reset();
      setCreated(key);
      void qc.invalidateQueries({ queryKey: keys.apiKeys });
    },
  });
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => orgApi.revokeApiKey(key.id),
    onSuccess: (_r, key) => {
      notifications.show({ color: 'green', message: `API key “${key.name}” revoked.` });
      setRevoking(null);
      void qc.invalidateQueries({ queryKey: keys.apiKeys });
    },
  });

  return (
    <Section
      title="API keys"
      description="Keys let your school's systems call the Procta API. Treat them like passwords."
      flush
    >
      <form noValidate onSubmit={form.onSubmit((v) => create.mutate(v.name.trim()))}>
        <Stack px={CARD_PX} pb="md" gap="sm">
          <ErrorAlert error={create.error} title="Could not create the key" />
          <Group align="flex-start" gap="sm">
            <TextInput
              label="Key name"
              placeholder="e.g. LMS integration"
              style={{ flex: '1 1 240px' }}
              maw={420}
              {...form.getInputProps('name')}
            />
            <Button type="submit" loading={create.isPending} mt={{ base: 0, xs: 25 }}>
              Create API key
            </Button>
          </Group>
        </Stack>
      </form>
      <DataTable
        label="API keys"
        headers={[
          'Name',
          { label: 'Key', visibleFrom: 'sm' },
          { label: 'Created', visibleFrom: 'sm' },
          { label: 'Last used', visibleFrom: 'sm' },
          'Status',
          <VisuallyHidden key="actions">Actions</VisuallyHidden>,
        ]}
        rows={apiKeys.data}
        isLoading={apiKeys.isPending}
        error={apiKeys.error}
        empty="No API keys yet. Create one to connect another system."
        minWidth={760}
        renderRow={(k) => (
          <Table.Tr key={k.id}>
            <Table.Td>
              <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {k.name}
              </Text>
              <Text size="xs" c="dimmed" hiddenFrom="sm">
                <Code fz="xs">{k.prefix}…</Code> · Last used {formatDateTime(k.last_used_at, 'never')}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <Code>{k.prefix}…</Code>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(k.created_at)}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(k.last_used_at, 'Never')}
              </Text>
            </Table.Td>
            <Table.Td>
              {k.revoked_at ? (
                <Badge color="gray" variant="light" title={`Revoked ${formatDateTime(k.revoked_at)}`}>
                  Revoked
                </Badge>
              ) : (
                <Badge color="green" variant="light">
                  Active
                </Badge>
              )}
            </Table.Td>
            <Table.Td ta="right">
              {!k.revoked_at && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => {
                    revoke.reset();
                    setRevoking(k);
                  }}
                >
                  Revoke
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      />
      <NewApiKeyModal apiKey={created} onClose={() => setCreated(null)} />
      <ConfirmModal
        opened={!!revoking}
        title="Revoke API key"
        confirmLabel="Revoke key"
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => setRevoking(null)}
        loading={revoke.isPending}
        error={revoke.error}
      >
        {revoking && `Revoke “${revoking.name}”? Anything using this key will stop working immediately.`}
      </ConfirmModal>
    </Section>
  );
}
