import { Alert, Button, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { IconAdjustments, IconAlertTriangle, IconClock, IconListNumbers, IconSend } from '@tabler/icons-react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/Page';
import { BackLink } from './common/BackLink';
import { AccommodationsTab } from './editor/accommodations/AccommodationsTab';
import { ExamHeaderActions } from './editor/ExamHeaderActions';
import { InvitesTab } from './editor/invites/InvitesTab';
import { QuestionsTab } from './editor/questions/QuestionsTab';
import { SettingsForm } from './editor/settings/SettingsForm';
import { ShareLine } from './editor/ShareLine';
import { useExam } from './queries';

const TABS = ['settings', 'questions', 'accommodations', 'invites'] as const;
type Tab = (typeof TABS)[number];

export function ExamEditorPage() {
  const { examId } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const exam = useExam(examId);
  const tab: Tab = TABS.find((t) => t === params.get('tab')) ?? 'settings';

  if (exam.isPending) {
    return (
      <Stack aria-busy>
        <Skeleton height={32} width="40%" />
        <Skeleton height={18} width="60%" />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (exam.isError) {
    const missing = isApiError(exam.error) && exam.error.status === 404;
    return (
      <>
        <BackLink to="/exams" label="All exams" />
        {missing ? (
          <Alert color="gray" title="Exam not found">
            <Text size="sm">It may have been deleted.</Text>
            <Button component={Link} to="/exams" size="xs" mt="sm" variant="light">
              Back to exams
            </Button>
          </Alert>
        ) : (
          <ErrorAlert error={exam.error} title="Could not load the exam" />
        )}
      </>
    );
  }

  const data = exam.data;
  return (
    <>
      <BackLink to="/exams" label="All exams" />
      <PageHeader title={data.title} description={<ShareLine exam={data} />} actions={<ExamHeaderActions exam={data} onDeleted={() => navigate('/exams')} />} />
      {data.analysis_warnings.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Some AI checks are off" mb="lg">
          <Text size="sm">Snapshots of this exam were stored, but these analyses could not run. Flags of these kinds are missing until an administrator fixes it:</Text>
          <ul style={{ margin: '6px 0 0', paddingLeft: 20 }}>
            {data.analysis_warnings.map((w) => (
              <li key={w}>
                <Text size="sm">{w}</Text>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'settings' ? { tab: value } : {}, { replace: true })}
        keepMounted
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="settings" leftSection={<IconAdjustments size={16} />}>
            Settings
          </Tabs.Tab>
          <Tabs.Tab value="questions" leftSection={<IconListNumbers size={16} />}>
            Questions ({data.question_count})
          </Tabs.Tab>
          <Tabs.Tab value="accommodations" leftSection={<IconClock size={16} />}>
            Accommodations
          </Tabs.Tab>
          <Tabs.Tab value="invites" leftSection={<IconSend size={16} />}>
            Invite students
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="settings">
          <SettingsForm key={data.id} exam={data} />
        </Tabs.Panel>
        <Tabs.Panel value="questions">
          <QuestionsTab key={data.id} exam={data} />
        </Tabs.Panel>
        <Tabs.Panel value="accommodations">
          <AccommodationsTab exam={data} />
        </Tabs.Panel>
        <Tabs.Panel value="invites">
          <InvitesTab key={data.id} exam={data} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
