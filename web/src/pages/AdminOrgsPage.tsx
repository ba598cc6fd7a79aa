import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useAdminOrgs } from '../api/queries';
import { PageHeader, Section } from '../components/Page';
import { DataTable } from '../components/TableStates';
import { formatDate } from '../lib/format';

const STATUS_COLORS: Record<string, string> = {
  active: 'green',
  trialing: 'indigo',
  trial: 'indigo',
  past_due: 'orange',
  suspended: 'red',
  canceled: 'gray',
  cancelled: 'gray',
};

function label(s: string) {
  return s ? s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ') : '—';
}

export function AdminOrgsPage() {
  const orgs = useAdminOrgs();
  const count = orgs.data?.length;
  return (
    <>
      <PageHeader title="All organizations" description="Every organization on this Procta installation." />
      <Section
        title="Directory"
        description={count === undefined ? undefined : count === 1 ? '1 organization' : `${count} organizations`}
        flush
      >
        <DataTable
          label="All organizations"
          headers={[
            'Name',
            'Teachers',
            'Students',
            { label: 'Plan', visibleFrom: 'sm' },
            { label: 'Status', visibleFrom: 'sm' },
            { label: 'Created', visibleFrom: 'sm' },
          ]}
          rows={orgs.data}
          isLoading={orgs.isPending}
          error={orgs.error}
          empty="No organizations have signed up yet."
          minWidth={720}
          renderRow={(o) => (
            <Table.Tr key={o.id}>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {o.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {o.slug}
                  </Text>
                  {/* Phones: the hidden columns, folded in. */}
                  <Group gap={6} mt={4} hiddenFrom="sm">
                    <Badge size="sm" variant="light" color={STATUS_COLORS[o.status] ?? 'gray'}>
                      {label(o.status)}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {label(o.plan)} · since {formatDate(o.created_at)}
                    </Text>
                  </Group>
                </Stack>
              </Table.Td>
              <Table.Td>{o.teachers}</Table.Td>
              <Table.Td>{o.students}</Table.Td>
              <Table.Td visibleFrom="sm">{label(o.plan)}</Table.Td>
              <Table.Td visibleFrom="sm">
                <Badge variant="light" color={STATUS_COLORS[o.status] ?? 'gray'}>
                  {label(o.status)}
                </Badge>
              </Table.Td>
              <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDate(o.created_at)}
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Section>
    </>
  );
}
