import { parseTimestamp } from '../time';
import type { Warning } from '../proctoring/signals';
import type { ProctorWarning } from './api';
import { ChatPanel } from './ChatPanel';
import type { LiveChannel } from './useLiveChannel';
import { WarningNotice } from './WarningNotice';

/** What the proctor reaches the student with, over any exam screen: warnings and chat. */
export function LiveLayer({ attemptId, live }: { attemptId: string; live: LiveChannel }) {
  return (
    <>
      <ChatPanel attemptId={attemptId} messages={live.chat} onSend={live.sendChat} />
      <WarningNotice warnings={live.warnings} onAcknowledge={live.acknowledge} />
    </>
  );
}

/** The proctor's warnings as lines of the page's warning log, with the browser's; newest first. */
export function proctorLogEntries(received: ProctorWarning[], browser: Warning[]): Warning[] {
  if (received.length === 0) return browser;
  const fromProctor: Warning[] = received.map((w) => ({
    id: `proctor-${w.id}`,
    type: 'proctor',
    title: 'Warning from your proctor',
    text: w.message,
    at: parseTimestamp(w.at) || Date.now(),
    count: 1,
  }));
  return [...fromProctor, ...browser].sort((a, b) => b.at - a.at);
}
