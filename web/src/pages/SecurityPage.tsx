import { Stack } from '@mantine/core';
import { useMyAuditLog } from '../api/queries';
import { AuditLogTable } from '../components/AuditLogTable';
import { PageHeader, Section } from '../components/Page';
import { ChangePasswordSection } from './security/ChangePasswordSection';
import { SessionsSection } from './security/SessionsSection';
import { TwoFactorSection } from './security/TwoFactorSection';

export function SecurityPage() {
  const audit = useMyAuditLog();
  return (
    <>
      <PageHeader title="Security" description="Your password, two-factor authentication, sessions and sign-in history." />
      <Stack gap="lg">
        <ChangePasswordSection />
        <TwoFactorSection />
        <SessionsSection />
        <Section title="Recent activity" description="Security events on your account, newest first." flush>
          <AuditLogTable label="Recent activity" events={audit.data} isLoading={audit.isPending} error={audit.error} />
        </Section>
      </Stack>
    </>
  );
}
