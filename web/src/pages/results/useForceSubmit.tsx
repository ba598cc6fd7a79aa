import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal';
import { resultKeys, resultsApi } from './api';

interface Target {
  attempt_id: string;
  name: string;
  roll_number: string;
}

/**
 * Force-submit with a confirmation: `ask(attempt)` opens the dialog; render `modal`.
 * The attempt is graded with the answers it has; every results view refreshes after.
 */
export function useForceSubmit() {
  const qc = useQueryClient();
  const [target, setTarget] = useState<Target | null>(null);
  const submit = useMutation({
    mutationFn: (t: Target) => resultsApi.forceSubmit(t.attempt_id),
    onSuccess: (detail, t) => {
      qc.setQueryData(resultKeys.attempt(t.attempt_id), detail);
      void qc.invalidateQueries({ queryKey: resultKeys.all });
      notifications.show({ color: 'green', message: `${t.name}'s attempt was submitted and graded.` });
      setTarget(null);
    },
  });

  const ask = (t: Target) => {
    submit.reset();
    setTarget(t);
  };

  const modal = (
    <ConfirmModal
      opened={!!target}
      title="Force submit"
      confirmLabel="Force submit"
      onConfirm={() => target && submit.mutate(target)}
      onClose={() => setTarget(null)}
      loading={submit.isPending}
      error={submit.error}
    >
      {target &&
        `Submit ${target.name}'s attempt (${target.roll_number}) now? It is graded with the answers saved so far, and the student cannot change them afterwards.`}
    </ConfirmModal>
  );

  return { ask, modal };
}
