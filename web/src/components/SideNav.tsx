import { NavLink, Stack, Text } from '@mantine/core';
import {
  IconBook,
  IconBuilding,
  IconBuildingCommunity,
  IconChartBar,
  IconClipboardCheck,
  IconClipboardList,
  IconHistory,
  IconHome,
  IconListDetails,
  IconQuestionMark,
  IconSchool,
  IconSettings,
  IconShieldLock,
  IconTool,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { Me } from '../api/types';
import { navGroups } from '../lib/nav';

const ICONS: Record<string, ComponentType<{ size?: number; stroke?: number }>> = {
  '/dashboard': IconHome,
  '/security': IconShieldLock,
  '/org/members': IconUsers,
  '/org/settings': IconSettings,
  '/org/audit-log': IconListDetails,
  '/admin/orgs': IconBuildingCommunity,
  '/exams': IconClipboardList,
  '/questions': IconQuestionMark,
  '/results': IconChartBar,
  '/review': IconClipboardCheck,
  '/students': IconSchool,
  '/groups': IconUsersGroup,
  '/history': IconHistory,
  '/courses': IconBook,
  '/tools': IconTool,
};

export function SideNav({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const { pathname } = useLocation();
  return (
    <Stack component="nav" aria-label="Main" gap="md">
      {navGroups(me).map((group) => (
        <Stack key={group.label ?? 'main'} gap={2}>
          {group.label && (
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
              {group.label}
            </Text>
          )}
          {group.items.map((item) => {
            const Icon = ICONS[item.to] ?? IconBuilding;
            const active = pathname === item.to || pathname.startsWith(item.to + '/');
            return (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                active={active}
                aria-current={active ? 'page' : undefined}
                leftSection={<Icon size={18} stroke={1.7} />}
                onClick={onNavigate}
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            );
          })}
        </Stack>
      ))}
    </Stack>
  );
}
