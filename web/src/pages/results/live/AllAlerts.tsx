import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useLiveMessages } from '../../../api/teacherSocket';
import type { LiveAlert, LiveFeedMessage } from '../../../api/types';
import { Section } from '../../../components/Page';
import { proctoringApi } from '../proctoring/api';
import { AlertFeed } from './AlertFeed';
import { prependAlert } from './liveData';
import { StreamingIndicator } from './StreamingIndicator';
import { useNow } from './useNow';

const ALL = ['results', 'alerts', '*'] as const;

/** The alert feed across every exam being written now: a click opens that student's panel. */
export function AllAlerts() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const now = useNow(15_000);
  const alerts = useQuery({ queryKey: ALL, queryFn: () => proctoringApi.alerts() });
  useLiveMessages((message: LiveFeedMessage) => {
    if (message.type === 'alert') qc.setQueryData<LiveAlert[]>(ALL, (old) => prependAlert(old, message.alert));
    if (message.type === 'resync') void qc.invalidateQueries({ queryKey: ALL });
  });
  const open = (a: LiveAlert) =>
    navigate(`/exams/${encodeURIComponent(a.exam_id)}/live?attempt=${encodeURIComponent(a.attempt_id)}&tab=flags`);
  return (
    <Section title="Alerts across your exams" description="Newest first; click one to triage that student." actions={<StreamingIndicator />} flush>
      <AlertFeed alerts={alerts.data} error={alerts.error} onOpen={open} now={now} height={360} />
    </Section>
  );
}
