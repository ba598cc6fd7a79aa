import { useOrgAuditLog } from '../api/queries';
import { AuditLogTable } from '../components/AuditLogTable';
import { PageHeader, Section } from '../components/Page';

export function OrgAuditLogPage() {
  const audit = useOrgAuditLog();
  return (
    <>
      <PageHeader title="Audit log" description="Security and administration events across your organization." />
      <Section title="Events" description="Newest first. Times are in your local time zone." flush>
        <AuditLogTable label="Organization audit log" events={audit.data} isLoading={audit.isPending} error={audit.error} showActor />
      </Section>
    </>
  );
}
