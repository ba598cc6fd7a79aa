import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../api/client';
import type { FlagDecision, Verdict } from '../../../api/types';
import { resultKeys } from '../api';
import { proctoringApi } from './api';

const DONE: Record<FlagDecision, string> = { confirmed: 'confirmed', dismissed: 'dismissed', undecided: 'set back to undecided' };

/**
 * Decisions on flags and the attempt's verdict. Each changes the stored scores at once, so
 * every results view is refetched (and the buttons wait for the fresh figures).
 */
export function useProctoringActions(attemptId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: resultKeys.all });
  const failed = (title: string) => (err: unknown) =>
    notifications.show({ color: 'red', title, message: errorMessage(err) });

  const decide = useMutation({
    mutationFn: (v: { flagId: string; decision: FlagDecision }) => proctoringApi.decide(v.flagId, v.decision),
    onSuccess: refresh,
    onError: failed('Could not save the decision'),
  });
  const decideMany = useMutation({
    mutationFn: (v: { flagIds: string[]; decision: FlagDecision }) => proctoringApi.decideMany(v.flagIds, v.decision),
    onSuccess: async (result, v) => {
      await refresh();
      notifications.show({
        color: 'green',
        message: `${result.updated === 1 ? '1 flag' : `${result.updated} flags`} ${DONE[v.decision]}.`,
      });
    },
    onError: failed('Could not save the decisions'),
  });
  const verdict = useMutation({
    mutationFn: (v: Verdict) => proctoringApi.verdict(attemptId, v),
    onSuccess: refresh,
    onError: failed('Could not save the verdict'),
  });

  return { decide, decideMany, verdict };
}
