import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { CopyText } from '../common/CopyText';
import { StatusBadge } from '../common/StatusBadge';
import { modeLabel, shareLink } from '../lib/labels';
import type { Exam } from '../types';

/** Under the exam's title: its status and the link students open, ready to copy. */
export function ShareLine({ exam }: { exam: Exam }) {
  const link = shareLink(exam.id);
  return (
    <Lines>
      <Group gap="xs" component="span">
        <StatusBadge status={exam.status} />
        <Text component="span" size="sm" c="dimmed">
          {exam.course?.name ?? 'No course'} · {modeLabel(exam.mode)}
          {exam.attempt_count > 0 && ` · ${exam.attempt_count} ${exam.attempt_count === 1 ? 'attempt' : 'attempts'}`}
        </Text>
      </Group>
      <Group gap="xs" component="span" wrap="nowrap" mt={6}>
        <CopyText value={link} label="Share with students: copy the exam link" text="Share with students" />
        <Text component="span" size="xs" c="dimmed" visibleFrom="sm" style={{ wordBreak: 'break-all' }}>
          {link}
        </Text>
      </Group>
    </Lines>
  );
}

/** Two lines inside the header's paragraph (so spans, not divs). */
function Lines({ children }: { children: ReactNode }) {
  return (
    <Text component="span" display="flex" style={{ flexDirection: 'column' }}>
      {children}
    </Text>
  );
}
