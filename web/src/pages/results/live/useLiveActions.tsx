import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import type { LiveSession, LiveTriage, ProctorActionKind } from '../../../api/types';
import { proctoringApi, proctoringKeys } from '../proctoring/api';
import { ActionModal, type WrittenAction } from './ActionModal';
import { upsertRow } from './liveData';

/** Whom an action is for. */
export type ActionTarget = Pick<LiveSession, 'attempt_id' | 'exam_id' | 'name' | 'status'>;

const DONE: Record<ProctorActionKind, (name: string) => string> = {
  warn: (name) => `Warning sent to ${name}.`,
  pause: (name) => `${name}’s exam is paused: their clock has stopped.`,
  resume: (name) => `${name}’s exam has resumed.`,
  end: (name) => `${name}’s attempt was ended and submitted.`,
  note: (name) => `Note added to ${name}’s timeline.`,
};

const FAILED: Record<ProctorActionKind, string> = {
  warn: 'Could not send the warning',
  pause: 'Could not pause the exam',
  resume: 'Could not resume the exam',
  end: 'Could not end the attempt',
  note: 'Could not add the note',
};

interface Vars {
  target: ActionTarget;
  action: ProctorActionKind;
  message: string;
}

/**
 * The proctor's actions on an attempt (POST /attempts/{id}/actions): `ask` opens the dialog
 * for warn, end and note; `run` pauses or resumes at once. Render `modal` once.
 */
export function useLiveActions() {
  const qc = useQueryClient();
  const [asking, setAsking] = useState<{ action: WrittenAction; target: ActionTarget } | null>(null);

  const act = useMutation({
    mutationFn: ({ target, action, message }: Vars) => proctoringApi.act(target.attempt_id, { action, message }),
    onSuccess: (acted, { target, action }) => {
      qc.setQueryData(proctoringKeys.live(acted.row.exam_id), (old: LiveSession[] | undefined) => upsertRow(old, acted.row));
      qc.setQueryData<LiveTriage>(proctoringKeys.triage(target.attempt_id), (old) =>
        old ? { ...old, row: acted.row, actions: [...old.actions.filter((a) => a.id !== acted.action.id), acted.action] } : old,
      );
      void qc.invalidateQueries({ queryKey: proctoringKeys.triage(target.attempt_id) });
      void qc.invalidateQueries({ queryKey: proctoringKeys.record(target.attempt_id) });
      notifications.show({ color: 'green', message: DONE[action](target.name) });
      setAsking(null);
    },
  });

  const ask = (action: WrittenAction, target: ActionTarget) => {
    act.reset();
    setAsking({ action, target });
  };

  const run = (action: 'pause' | 'resume', target: ActionTarget) => {
    act.mutate(
      { target, action, message: '' },
      { onError: (err) => notifications.show({ color: 'red', title: FAILED[action], message: errorMessage(err) }) },
    );
  };

  const modal = (
    <ActionModal
      action={asking?.action ?? null}
      name={asking?.target.name ?? ''}
      onSubmit={(message) => asking && act.mutate({ target: asking.target, action: asking.action, message })}
      onClose={() => setAsking(null)}
      loading={act.isPending && !!asking}
      error={asking ? act.error : null}
    />
  );

  /** The attempt an action is being saved for, while it is. */
  const pendingFor = act.isPending ? act.variables?.target.attempt_id ?? null : null;
  /** A dialog is open (a drawer beneath it should leave Escape to it). */
  const dialogOpen = !!asking;
  return { ask, run, modal, pendingFor, dialogOpen };
}
