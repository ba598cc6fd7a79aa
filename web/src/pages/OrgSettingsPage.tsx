import { Stack } from '@mantine/core';
import { PageHeader } from '../components/Page';
import { ApiKeysSection } from './settings/ApiKeysSection';
import { OrgDetailsSection } from './settings/OrgDetailsSection';
import { RetentionSection } from './settings/RetentionSection';

export function OrgSettingsPage() {
  return (
    <>
      <PageHeader title="Organization settings" description="Your organization's name, slug, data retention and API keys." />
      <Stack gap="lg">
        <OrgDetailsSection />
        <RetentionSection />
        <ApiKeysSection />
      </Stack>
    </>
  );
}
