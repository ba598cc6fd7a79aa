import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Verdict } from '../../../api/types';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { resultKeys } from '../api';
import { proctoringApi } from './api';

const plural = (n: number) => (n === 1 ? '1 attempt' : `${n} attempts`);

const WORDING: Record<Verdict, { title: string; confirm: string; color: string; ask: (n: string) => string; done: string }> = {
  clear: {
    title: 'Clear attempts',
    confirm: 'Clear',
    color: 'green',
    ask: (n) =>
      `Clear ${n}? Their integrity score becomes 100 (risk 0) whatever their flags say. You can reset the verdict later.`,
    done: 'cleared',
  },
  escalate: {
    title: 'Escalate attempts',
    confirm: 'Escalate',
    color: 'red',
    ask: (n) =>
      `Escalate ${n}? Every flag then counts at full weight and confidence, and the attempts are marked for follow-up.`,
    done: 'escalated',
  },
  none: {
    title: 'Reset verdicts',
    confirm: 'Reset',
    color: 'gray',
    ask: (n) => `Reset the verdict of ${n}? Their scores go back to what the flags and your decisions give.`,
    done: 'reset',
  },
};

/**
 * A verdict for many attempts with a confirmation: `ask(ids, verdict)` opens the dialog;
 * render `modal`. `onDone` runs after the server changed them.
 */
export function useBulkVerdict(onDone: () => void) {
  const qc = useQueryClient();
  const [target, setTarget] = useState<{ ids: string[]; verdict: Verdict } | null>(null);
  const save = useMutation({
    mutationFn: (t: { ids: string[]; verdict: Verdict }) => proctoringApi.verdicts(t.ids, t.verdict),
    onSuccess: (result, t) => {
      void qc.invalidateQueries({ queryKey: resultKeys.all });
      notifications.show({ color: 'green', message: `${plural(result.updated)} ${WORDING[t.verdict].done}.` });
      setTarget(null);
      onDone();
    },
  });

  const ask = (ids: string[], verdict: Verdict) => {
    save.reset();
    setTarget({ ids, verdict });
  };
  const words = WORDING[target?.verdict ?? 'clear'];

  const modal = (
    <ConfirmModal
      opened={!!target}
      title={words.title}
      confirmLabel={words.confirm}
      confirmColor={words.color}
      onConfirm={() => target && save.mutate(target)}
      onClose={() => setTarget(null)}
      loading={save.isPending}
      error={save.error}
    >
      {target && words.ask(plural(target.ids.length))}
    </ConfirmModal>
  );

  return { ask, modal, isPending: save.isPending };
}
