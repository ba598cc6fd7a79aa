import { Select } from '@mantine/core';
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
