import { Anchor, AppShell, Burger, Group, ScrollArea } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet } from 'react-router-dom';
import { useMe } from '../api/queries';
import { useTeacherSocket } from '../api/teacherSocket';
import { OrgSwitcher } from './OrgSwitcher';
import { SideNav } from './SideNav';
import { UserMenu } from './UserMenu';
import { Wordmark } from './Wordmark';

/** Shell for every signed-in page; rendered inside RequireAuth, so `me` is present. */
export function AppLayout() {
  const { data: me } = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isMobile = useMediaQuery('(max-width: 48em)', false);
  useTeacherSocket(!!me?.current_org, me?.current_org?.id);

  if (!me) return null;
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Anchor component={Link} to="/dashboard" underline="never" c="inherit" aria-label="Procta dashboard">
              <Wordmark />
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {!isMobile && <OrgSwitcher me={me} />}
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        {isMobile && (
          <AppShell.Section mb="md">
            <OrgSwitcher me={me} onSwitched={close} />
          </AppShell.Section>
        )}
        <AppShell.Section grow component={ScrollArea}>
          <SideNav me={me} onNavigate={close} />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <div style={{ maxWidth: 1200, margin: '0 auto' }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
