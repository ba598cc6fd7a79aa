import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconArrowRight,
  IconBuildingCommunity,
  IconCreditCard,
  IconLock,
  IconUsers,
  IconUserShield,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useAdminOrgs, useMe, useMembers, useOrg } from '../api/queries';
import type { DeniedState } from '../components/Guards';
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

const ROLE_TEXT: Record<string, string> = {
  owner: 'Full control of this organization',
  admin: 'Manages members, settings and API keys',
  teacher: 'Runs exams and reviews results',
};

const DENIED_TEXT: Record<DeniedState['denied'], string> = {
  org_admin: 'That page is for organization owners and admins. Ask an owner if you need access.',
  superadmin: 'That page is for platform administrators only.',
};

/** Shown after a guard sent the visitor here from a page they may not open. */
function DeniedNotice() {
  const location = useLocation();
  const navigate = useNavigate();
  const denied = (location.state as Partial<DeniedState> | null)?.denied;
  if (!denied || !DENIED_TEXT[denied]) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconLock size={18} />}
      title="You don't have access to that page"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={() => navigate(location.pathname, { replace: true, state: null })}
      mb="lg"
    >
      {DENIED_TEXT[denied]}
    </Alert>
  );
}

function QuickLinks({ links }: { links: { to: string; label: string }[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
      {links.map((l) => (
        <Anchor key={l.to} component={Link} to={l.to} underline="never" c="inherit" className="quick-link">
          <Group justify="space-between" wrap="nowrap" gap="sm" h="100%">
            <Text fw={500}>{QUICK_LINK_TEXT[l.to] ?? l.label}</Text>
            <IconArrowRight size={18} aria-hidden style={{ flexShrink: 0 }} color="var(--mantine-primary-color-filled)" />
          </Group>
        </Anchor>
      ))}
    </SimpleGrid>
  );
}

/** A platform admin who belongs to no organization. */
function PlatformAdminHome({ name }: { name: string }) {
  const orgs = useAdminOrgs();
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <StatCard label="Organizations" icon={<IconBuildingCommunity size={20} />}>
          {orgs.isPending ? (
            <Skeleton height={24} width={60} />
          ) : orgs.data ? (
            <>
              <Text fz={22} fw={700}>
                {orgs.data.length}
              </Text>
              <Text size="sm" c="dimmed">
                on this installation
              </Text>
            </>
          ) : (
            <Text c="dimmed">Unavailable</Text>
          )}
        </StatCard>
        <StatCard label="Your role" icon={<IconUserShield size={20} />}>
          <Text fz={22} fw={700}>
            Platform admin
          </Text>
          <Text size="sm" c="dimmed">
            Signed in as {name}
          </Text>
        </StatCard>
      </SimpleGrid>
      <Section title="Quick links">
        <QuickLinks links={[{ to: '/admin/orgs', label: 'All organizations' }, { to: '/security', label: 'Security' }]} />
        <Text size="sm" c="dimmed" mt="sm">
          You are not a member of any organization, so there are no organization pages here.
        </Text>
      </Section>
    </Stack>
  );
}

export function DashboardPage() {
  const { data: me } = useMe();
  const hasOrg = !!me?.current_org;
  const org = useOrg(hasOrg);
  // Member counts are shown to everyone who may list members; a refusal just hides the card.
  const members = useMembers(hasOrg);

  if (!me) return null;
  if (!hasOrg) {
    return (
      <>
        <PageHeader title={`Welcome, ${me.user.name}`} />
        <DeniedNotice />
        {me.user.is_superadmin ? (
          <PlatformAdminHome name={me.user.email} />
        ) : (
          <Paper p="lg">
            <Text>You are not a member of any organization yet. Ask an administrator to invite you.</Text>
          </Paper>
        )}
      </>
    );
  }

  const current = me.current_org!;
  const links = navGroups(me)
    .flatMap((g) => g.items)
    .filter((i) => i.to !== '/dashboard');
  const trial = org.data ? trialText(org.data) : null;
  // "Trial" plan and "trialing" status say the same thing: show the badge only when it adds something.
  const sameAsPlan = (status: string, plan: string) =>
    status.replace(/ing$/, '') === plan || (plan === 'trial' && status === 'trialing');

  return (
    <>
      <PageHeader title={org.data?.name ?? current.name} description={`Welcome back, ${me.user.name}`} />
      <DeniedNotice />
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
                  {!sameAsPlan(org.data.status, org.data.plan) && (
                    <Badge variant="light" color={org.data.status === 'active' ? 'green' : org.data.status === 'trialing' || org.data.status === 'trial' ? 'indigo' : 'gray'}>
                      {capitalise(org.data.status)}
                    </Badge>
                  )}
                </Group>
                {trial && (
                  <Text size="sm" c="dimmed">
                    {trial}
                    {org.data.trial_ends_at && daysUntil(org.data.trial_ends_at) >= 0 && (
                      <>
                        <br />
                        Ends {formatDate(org.data.trial_ends_at)}
                      </>
                    )}
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
              {ROLE_TEXT[current.role] ?? `In ${current.name}`}
            </Text>
          </StatCard>
        </SimpleGrid>

        <Section title="Quick links">
          <QuickLinks links={links} />
          {!isOrgAdmin(me) && (
            <Text size="sm" c="dimmed" mt="sm">
              Members and organization settings are managed by your organization's owners and admins.
            </Text>
          )}
        </Section>
      </Stack>
    </>
  );
}
