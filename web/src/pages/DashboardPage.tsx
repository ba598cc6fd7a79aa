import { Anchor, Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowRight, IconCreditCard, IconUsers, IconUserShield } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useMe, useMembers, useOrg } from '../api/queries';
import type { Organization } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader, Section } from '../components/Page';
import { daysUntil, formatDate } from '../lib/format';
import { navGroups } from '../lib/nav';
import { isOrgAdmin, roleLabel } from '../lib/permissions';

function StatCard({ label, icon, children }: { label: string; icon: ReactNode; children: ReactNode }) {
  return (
    <Paper p="lg" shadow="xs">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {label}
          </Text>
          {children}
        </Stack>
        <ThemeIcon variant="light" size={38} radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
      </Group>
    </Paper>
  );
}

// Worded differently from the sidebar so each link's accessible name stays unique on the page.
const QUICK_LINK_TEXT: Record<string, string> = {
  '/security': 'Change your password, two-factor and sessions',
  '/org/members': 'Invite teachers and manage roles',
  '/org/settings': 'Rename the organization and manage API keys',
  '/org/audit-log': 'Review recent activity in your organization',
  '/admin/orgs': 'See every organization on the platform',
};

function capitalise(s: string) {
  return s ? s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ') : s;
}

export function trialText(org: Pick<Organization, 'trial_ends_at'>, now = new Date()): string | null {
  if (!org.trial_ends_at) return null;
  const days = daysUntil(org.trial_ends_at, now);
  if (days < 0) return 'Trial ended';
  if (days === 0) return 'Trial ends today';
  return days === 1 ? '1 day left in trial' : `${days} days left in trial`;
}

export function DashboardPage() {
  const { data: me } = useMe();
  const hasOrg = !!me?.current_org;
  const org = useOrg();
  // Member counts are shown to everyone who may list members; a refusal just hides the card.
  const members = useMembers(hasOrg);

  if (!me) return null;
  if (!hasOrg) {
    return (
      <>
        <PageHeader title={`Welcome, ${me.user.name}`} />
        <Paper p="lg">
          <Text>You are not a member of any organization yet. Ask an administrator to invite you.</Text>
          {me.user.is_superadmin && (
            <Anchor component={Link} to="/admin/orgs" mt="sm" display="inline-block">
              View all organizations
            </Anchor>
          )}
        </Paper>
      </>
    );
  }

  const current = me.current_org!;
  const links = navGroups(me)
    .flatMap((g) => g.items)
    .filter((i) => i.to !== '/dashboard');
  const trial = org.data ? trialText(org.data) : null;

  return (
    <>
      <PageHeader title={org.data?.name ?? current.name} description={`Welcome back, ${me.user.name}`} />
      <Stack gap="lg">
        <ErrorAlert error={org.error} title="Could not load organization details" />
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <StatCard label="Plan" icon={<IconCreditCard size={20} />}>
            {org.isPending ? (
              <Skeleton height={24} width={120} />
            ) : org.data ? (
              <>
                <Group gap="xs">
                  <Text fz={22} fw={700}>
                    {capitalise(org.data.plan)}
                  </Text>
                  <Badge variant="light" color={org.data.status === 'active' ? 'green' : org.data.status === 'trialing' || org.data.status === 'trial' ? 'indigo' : 'gray'}>
                    {capitalise(org.data.status)}
                  </Badge>
                </Group>
                {trial && (
                  <Text size="sm" c="dimmed">
                    {trial}
                    {org.data.trial_ends_at && ` · ends ${formatDate(org.data.trial_ends_at)}`}
                  </Text>
                )}
              </>
            ) : (
              <Text c="dimmed">Unavailable</Text>
            )}
          </StatCard>
          {!members.isError && (
            <StatCard label="Members" icon={<IconUsers size={20} />}>
              {members.isPending ? (
                <Skeleton height={24} width={60} />
              ) : (
                <>
                  <Text fz={22} fw={700}>
                    {members.data.length}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {members.data.length === 1 ? 'person in this organization' : 'people in this organization'}
                  </Text>
                </>
              )}
            </StatCard>
          )}
          <StatCard label="Your role" icon={<IconUserShield size={20} />}>
            <Text fz={22} fw={700}>
              {roleLabel(current.role)}
            </Text>
            <Text size="sm" c="dimmed">
              Organization: {current.slug}
            </Text>
          </StatCard>
        </SimpleGrid>

        <Section title="Quick links">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {links.map((l) => (
              <Anchor key={l.to} component={Link} to={l.to} underline="never">
                <Paper p="sm" withBorder>
                  <Group justify="space-between" wrap="nowrap">
                    <Text fw={500}>{QUICK_LINK_TEXT[l.to] ?? l.label}</Text>
                    <IconArrowRight size={16} aria-hidden />
                  </Group>
                </Paper>
              </Anchor>
            ))}
          </SimpleGrid>
          {!isOrgAdmin(me) && (
            <Text size="sm" c="dimmed" mt="sm">
              Organization settings are managed by your organization's owners and admins.
            </Text>
          )}
        </Section>
      </Stack>
    </>
  );
}
