import { Group, Select, Text } from '@mantine/core';
import { IconBuilding } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client';
import { authApi } from '../api/endpoints';
import { switchedOrg } from '../api/queries';
import type { Me } from '../api/types';

export function OrgSwitcher({ me, onSwitched }: { me: Me; onSwitched?: () => void }) {
  const qc = useQueryClient();
  const switchOrg = useMutation({
    mutationFn: authApi.switchOrg,
    onSuccess: (next) => {
      switchedOrg(qc, next);
      notifications.show({ color: 'indigo', message: `Switched to ${next.current_org?.name ?? 'organization'}` });
      onSwitched?.();
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Could not switch organization', message: errorMessage(err) }),
  });

  if (me.memberships.length === 0) return null;
  // Nothing to switch to: name the organization instead of offering a one-item menu.
  if (me.memberships.length === 1 && me.current_org) {
    return (
      <Group gap={8} wrap="nowrap" maw={{ base: '100%', sm: 240 }} px={{ base: 'sm', sm: 0 }} py={{ base: 6, sm: 0 }}>
        <IconBuilding size={18} stroke={1.7} color="var(--mantine-color-dimmed)" aria-hidden style={{ flexShrink: 0 }} />
        <Text size="sm" fw={500} truncate title={me.current_org.name}>
          {me.current_org.name}
        </Text>
      </Group>
    );
  }
  return (
    <Select
      aria-label="Current organization"
      placeholder="Choose organization"
      data={me.memberships.map((m) => ({ value: m.org_id, label: m.org_name }))}
      value={me.current_org?.id ?? null}
      onChange={(value) => {
        if (value && value !== me.current_org?.id) switchOrg.mutate(value);
      }}
      allowDeselect={false}
      disabled={switchOrg.isPending}
      w={{ base: '100%', sm: 240 }}
      checkIconPosition="right"
    />
  );
}
