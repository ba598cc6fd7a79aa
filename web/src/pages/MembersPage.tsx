import { Stack } from '@mantine/core';
import { PageHeader } from '../components/Page';
import { useMe } from '../api/queries';
import { InviteForm } from './members/InviteForm';
import { InvitesTable } from './members/InvitesTable';
import { MembersTable } from './members/MembersTable';

export function MembersPage() {
  const { data: me } = useMe();
  return (
    <>
      <PageHeader
        title="Members"
        description={`People who can sign in to ${me?.current_org?.name ?? 'this organization'}, and their roles.`}
      />
      <Stack gap="lg">
        <MembersTable />
        <InviteForm />
        <InvitesTable />
      </Stack>
    </>
  );
}
