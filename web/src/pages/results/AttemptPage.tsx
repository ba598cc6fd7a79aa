import { Anchor, Badge, Button, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconChecklist, IconFileTypeHtml, IconFileTypePdf, IconListCheck, IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/Page';
import { AttemptOverview } from './AttemptOverview';
import { QuestionCard } from './QuestionCard';
import { resultKeys, resultsApi } from './api';
import { canForceSubmit } from './format';
import { reportUrls } from './reportsApi';
import { ProctoringPanel, useProctoring } from './proctoring/ProctoringPanel';
import { useForceSubmit } from './useForceSubmit';

const FINISHED = new Set(['submitted', 'auto_submitted', 'terminated']);

export function AttemptPage() {
  const { attemptId = '' } = useParams();
  const attempt = useQuery({ queryKey: resultKeys.attempt(attemptId), queryFn: () => resultsApi.attempt(attemptId) });
  const force = useForceSubmit();
  const proctoring = useProctoring(attemptId);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'proctoring' ? 'proctoring' : 'answers';
  const undecided = proctoring.data?.flags.filter((f) => f.decision === 'undecided').length ?? 0;
  const a = attempt.data;

  return (
    <>
      {a && (
        <Anchor
          component={Link}
          to={`/exams/${a.exam_id}/results`}
          size="sm"
          mb="xs"
          display="inline-flex"
          style={{ alignItems: 'center', gap: 4 }}
        >
          <IconArrowLeft size={14} aria-hidden /> {a.exam_title} results
        </Anchor>
      )}
      <PageHeader
        title={a ? `${a.name} — attempt` : 'Attempt'}
        description={a ? `${a.exam_title} · Roll # ${a.roll_number}` : undefined}
        actions={
          <Group gap="sm">
            <Button
              component={Link}
              to={`/review/${encodeURIComponent(attemptId)}`}
              variant="default"
              size="sm"
              leftSection={<IconChecklist size={16} aria-hidden />}
            >
              Open review
            </Button>
            <Button
              component="a"
              href={reportUrls.attemptPdf(attemptId)}
              download
              variant="default"
              size="sm"
              leftSection={<IconFileTypePdf size={16} aria-hidden />}
            >
              PDF report
            </Button>
            <Button
              component="a"
              href={reportUrls.attemptHtml(attemptId)}
              target="_blank"
              rel="noopener noreferrer"
              variant="default"
              size="sm"
              leftSection={<IconFileTypeHtml size={16} aria-hidden />}
            >
              HTML report
            </Button>
            {a && canForceSubmit(a) && (
              <Button color="red" variant="light" size="sm" onClick={() => force.ask(a)}>
                Force submit
              </Button>
            )}
          </Group>
        }
      />
      {attempt.error ? (
        <ErrorAlert error={attempt.error} title="Could not load this attempt" />
      ) : !a ? (
        <Stack aria-hidden>
          <Skeleton height={160} radius="md" />
          <Skeleton height={220} radius="md" />
        </Stack>
      ) : (
        <Stack gap="lg">
          <AttemptOverview attempt={a} />
          <Tabs
            value={tab}
            onChange={(value) => setParams(value === 'proctoring' ? { tab: value } : {}, { replace: true })}
          >
            <Tabs.List mb="md">
              <Tabs.Tab value="answers" leftSection={<IconListCheck size={16} aria-hidden />}>
                Answers ({a.questions.length})
              </Tabs.Tab>
              <Tabs.Tab
                value="proctoring"
                leftSection={<IconShieldCheck size={16} aria-hidden />}
                rightSection={
                  undecided > 0 ? (
                    <Badge size="xs" circle color="orange" aria-label={`${undecided} undecided flags`}>
                      {undecided}
                    </Badge>
                  ) : undefined
                }
              >
                Proctoring
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="answers">
              <Stack gap="sm" component="section" aria-labelledby="answers-heading">
                <div>
                  <Title order={2} fz="lg" id="answers-heading">
                    Answers
                  </Title>
                  <Text size="sm" c="dimmed">
                    {FINISHED.has(a.status)
                      ? 'In the order the student saw them. Essays and ungraded answers take your mark here.'
                      : 'In the order the student saw them. Marks can be given once the attempt is submitted.'}
                  </Text>
                </div>
                {a.questions.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    This attempt has no questions.
                  </Text>
                ) : (
                  a.questions.map((q) => (
                    <QuestionCard key={q.question_id} attemptId={a.attempt_id} question={q} gradable={FINISHED.has(a.status)} />
                  ))
                )}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="proctoring">
              <ProctoringPanel attemptId={a.attempt_id} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
      {force.modal}
    </>
  );
}
