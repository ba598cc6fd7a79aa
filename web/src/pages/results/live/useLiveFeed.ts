/**
 * The live sessions page's data: the table and alerts loaded once, then kept current by the
 * teacher socket (rows replaced, alerts prepended, chat appended, `resync` reloads). Also
 * refreshes the open triage panel and counts students' unread chat messages.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { LiveChatMessage, LiveFeedMessage, LiveSession, LiveTriage } from '../../../api/types';
import { useLiveMessages } from '../../../api/teacherSocket';
import { proctoringApi, proctoringKeys } from '../proctoring/api';
import { appendChat, isStale, mergeLoaded, patchRow, prependAlert, upsertRow } from './liveData';

interface Options {
  examId: string;
  /** The attempt whose triage panel is open. */
  openAttemptId: string | null;
  /** The attempt whose chat is on screen: its messages are read as they come. */
  chatAttemptId: string | null;
}

export function useLiveFeed({ examId, openAttemptId, chatAttemptId }: Options) {
  const qc = useQueryClient();
  const [unread, setUnread] = useState<Record<string, number>>({});

  // Rows streamed since the table last loaded (also before its first load, when there is
  // no table to put them in yet): a load keeps whichever is newer.
  const streamed = useRef({ examId, rows: new Map<string, LiveSession>() });
  if (streamed.current.examId !== examId) streamed.current = { examId, rows: new Map() };
  const rows = useQuery({
    queryKey: proctoringKeys.live(examId),
    queryFn: async () => {
      const loaded = await proctoringApi.live(examId);
      const shown = qc.getQueryData<LiveSession[]>(proctoringKeys.live(examId)) ?? [];
      const seen = streamed.current.rows;
      const merging = [...seen.values()];
      // Forget what any later load reads from the server too; keep what is newer than this
      // one (should this load be superseded, the next one still needs it).
      const loadedAt = new Map(loaded.map((r) => [r.attempt_id, r.version]));
      for (const row of merging) {
        if (row.version <= (loadedAt.get(row.attempt_id) ?? Infinity)) seen.delete(row.attempt_id);
      }
      return mergeLoaded(loaded, shown, merging);
    },
  });
  const alerts = useQuery({ queryKey: proctoringKeys.alerts(examId), queryFn: () => proctoringApi.alerts(examId) });

  const refreshAttempt = (attemptId: string) => {
    void qc.invalidateQueries({ queryKey: proctoringKeys.triage(attemptId) });
    void qc.invalidateQueries({ queryKey: proctoringKeys.record(attemptId) });
  };

  const onChat = (attemptId: string, message: LiveChatMessage) => {
    qc.setQueryData<LiveChatMessage[]>(proctoringKeys.chat(attemptId), (old) => appendChat(old, message));
    if (message.sender === 'student' && attemptId !== chatAttemptId) {
      setUnread((u) => ({ ...u, [attemptId]: (u[attemptId] ?? 0) + 1 }));
    }
  };

  useLiveMessages((message: LiveFeedMessage) => {
    switch (message.type) {
      case 'session': {
        const { row } = message;
        if (row.exam_id !== examId) return;
        const seen = streamed.current.rows;
        if (!isStale(row, seen.get(row.attempt_id))) seen.set(row.attempt_id, row);
        qc.setQueryData(proctoringKeys.live(examId), (old: typeof rows.data) => upsertRow(old, row));
        if (row.attempt_id === openAttemptId) {
          // A repaint (no id) only moves the risk: patch the row; a real change reloads the panel.
          qc.setQueryData<LiveTriage>(proctoringKeys.triage(row.attempt_id), (old) =>
            old && !isStale(row, old.row) ? { ...old, row } : old,
          );
          if (message.id) refreshAttempt(row.attempt_id);
        }
        return;
      }
      case 'seen': {
        const { row } = message;
        if (row.exam_id !== examId) return;
        qc.setQueryData(proctoringKeys.live(examId), (old: typeof rows.data) => patchRow(old, row));
        return;
      }
      case 'alert': {
        const { alert } = message;
        if (alert.exam_id !== examId) return;
        qc.setQueryData(proctoringKeys.alerts(examId), (old: typeof alerts.data) => prependAlert(old, alert));
        if (alert.attempt_id === openAttemptId) refreshAttempt(alert.attempt_id);
        return;
      }
      case 'chat': {
        if (message.exam_id !== examId) return;
        if (message.attempt_id) {
          onChat(message.attempt_id, message.message);
        } else {
          // A broadcast belongs to every conversation of the exam: add it where one is loaded.
          for (const r of rows.data ?? []) {
            qc.setQueryData<LiveChatMessage[]>(proctoringKeys.chat(r.attempt_id), (old) => appendChat(old, message.message));
          }
        }
        return;
      }
      case 'reconnected':
        for (const attemptId of new Set([openAttemptId, chatAttemptId])) {
          if (attemptId) void qc.invalidateQueries({ queryKey: proctoringKeys.chat(attemptId) });
        }
        return;
      case 'resync':
        void qc.invalidateQueries({ queryKey: proctoringKeys.live(examId) });
        void qc.invalidateQueries({ queryKey: proctoringKeys.alerts(examId) });
        if (openAttemptId) {
          refreshAttempt(openAttemptId);
          void qc.invalidateQueries({ queryKey: proctoringKeys.chat(openAttemptId) });
        }
        return;
    }
  });

  const markRead = useCallback((attemptId: string) => {
    setUnread((u) => {
      if (!u[attemptId]) return u;
      const next = { ...u };
      delete next[attemptId];
      return next;
    });
  }, []);

  return { rows, alerts, unread, markRead };
}
