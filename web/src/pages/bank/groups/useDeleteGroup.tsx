import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { groupsApi } from '../api';
import { bankKeys } from '../queries';
import type { Group } from '../types';

/** Asking, then deleting a group: `ask(group)` opens the confirmation that `modal` renders. */
export function useDeleteGroup(onDeleted?: () => void) {
  const qc = useQueryClient();
  const [group, setGroup] = useState<Group | null>(null);
  const remove = useMutation({
    mutationFn: (g: Group) => groupsApi.remove(g.id),
    onSuccess: (_r, g) => {
      notifications.show({ color: 'green', message: `Group ${g.name} deleted.` });
      setGroup(null);
      void qc.invalidateQueries({ queryKey: bankKeys.groups });
      void qc.invalidateQueries({ queryKey: bankKeys.students });
      onDeleted?.();
    },
  });

  const modal = (
    <ConfirmModal
      opened={!!group}
      title="Delete group"
      confirmLabel="Delete group"
      onConfirm={() => group && remove.mutate(group)}
      onClose={() => setGroup(null)}
      loading={remove.isPending}
      error={remove.error}
    >
      {group &&
        `Delete the group ${group.name}? This does not delete its students: they stay on the roster. A group that an exam is restricted to cannot be deleted until the exam no longer uses it.`}
    </ConfirmModal>
  );

  const ask = (g: Group) => {
    remove.reset();
    setGroup(g);
  };
  return { ask, modal };
}
