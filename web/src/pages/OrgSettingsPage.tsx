import { Stack } from '@mantine/core';
import { PageHeader } from '../components/Page';
import { ApiKeysSection } from './settings/ApiKeysSection';
import { OrgDetailsSection } from './settings/OrgDetailsSection';

export function OrgSettingsPage() {
  return (
    <>
      <PageHeader title="Organization settings" description="Your organization's name, slug and API keys." />
      <Stack gap="lg">
        <OrgDetailsSection />
        <ApiKeysSection />
      </Stack>
    </>
  );
}
