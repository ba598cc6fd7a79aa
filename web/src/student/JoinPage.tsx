import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Center,
  Divider,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconChecklist, IconPlayerPlay, IconShieldCheck, IconWifiOff } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage, isApiError } from '../api/client';
import type { ExamInfo, JoinRequest, JoinResponse } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { isNetworkError, studentApi } from './api';
import { syncClock } from './clock';
import { examStore, type StoredSession } from './db';
import { rememberResultAccess } from './result/resultAccess';
import { NOT_RELEASED } from './result/resultApi';
import type { SubmittedState } from './SubmittedPage';
import { RulesList } from './components/RulesList';
import { StudentLayout } from './components/StudentLayout';
import { formatWhen } from './time';
import { plural } from './answers';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text fw={500}>{value}</Text>
    </Box>
  );
}

/** The exam's details; with a personal invite, also whom it invites. A link that is not
 * valid still shows the exam (and the roll-number form) with the reason. */
async function loadExamInfo(
  examId: string,
  invite: string | null,
  signal: AbortSignal,
): Promise<ExamInfo & { inviteError?: string }> {
  try {
    return await studentApi.examInfo(examId, signal, invite);
  } catch (err) {
    if (!invite || !isApiError(err, 'invalid_invite')) throw err;
    return { ...(await studentApi.examInfo(examId, signal)), inviteError: err.message };
  }
}

/** /take/:examId — what the exam is, its rules, and joining with a roll number
 * (or, from an emailed ?invite= link, with one click). */
export function JoinPage() {
  const { examId = '' } = useParams();
  const [searchParams] = useSearchParams();
  const inviteParam = searchParams.get('invite');
  const navigate = useNavigate();
  const sessionPath = `/take/${encodeURIComponent(examId)}/session`;

  const info = useQuery({
    queryKey: ['student', 'exam', examId, inviteParam],
    queryFn: ({ signal }) => loadExamInfo(examId, inviteParam, signal),
    retry: (count, err) => isNetworkError(err) && count < 2,
    staleTime: 60_000,
  });

  // A session kept on this device: offer to continue it without retyping anything.
  const [stored, setStored] = useState<StoredSession | null | undefined>(undefined);
  const [showForm, setShowForm] = useState(false);
  useEffect(() => {
    let cancelled = false;
    examStore()
      .then((store) => store.latestSessionForExam(examId))
      .then((rec) => !cancelled && setStored(rec && rec.token ? rec : null))
      .catch(() => !cancelled && setStored(null));
    return () => {
      cancelled = true;
    };
  }, [examId]);

  const invitedName = info.data?.invited_name ?? null;
  const form = useForm({
    mode: 'controlled',
    initialValues: { roll_number: '', access_code: '' },
    validate: {
      roll_number: (v: string) => (invitedName || v.trim() ? null : 'Enter your roll number'),
      access_code: (v: string) =>
        !invitedName && info.data?.needs_access_code && !v.trim()
          ? 'Enter the access code your teacher gave you'
          : null,
    },
  });

  /** What joining sends (and, for an exam already submitted, what opens its result). */
  const joinBody = (values: { roll_number: string; access_code: string }): JoinRequest =>
    invitedName && inviteParam
      ? { exam_id: examId, invite: inviteParam, access_code: '' }
      : {
          exam_id: examId,
          roll_number: values.roll_number.trim(),
          access_code: values.access_code.trim(),
        };

  const join = useMutation({
    mutationFn: async (body: JoinRequest) => {
      const sentAt = Date.now();
      const res: JoinResponse = await studentApi.join(body);
      const sync = syncClock(res, Date.now(), sentAt);
      const { token, resumed, ...session } = res;
      const store = await examStore();
      await store.saveSession({
        attempt_id: res.attempt_id,
        exam_id: res.exam_id,
        token,
        session,
        clock_offset_ms: sync.offsetMs,
      });
      return { resumed };
    },
    onSuccess: ({ resumed }) => {
      if (resumed) {
        notifications.show({
          title: 'Welcome back',
          message: 'Your exam continues where you left it. Saved answers are restored.',
        });
      }
      navigate(sessionPath);
    },
  });

  // Already submitted (coming back another day): a personal invite opens the released result.
  const alreadySubmitted = isApiError(join.error, 'already_submitted');
  const result = useMutation({
    mutationFn: (body: JoinRequest) => studentApi.resultAccess(body),
    onSuccess: (res) => {
      const credentials = { attemptId: res.attempt_id, token: res.token };
      rememberResultAccess(examId, credentials);
      const state: SubmittedState = { ...credentials, title: info.data?.title };
      navigate(`/take/${encodeURIComponent(examId)}/submitted`, { state });
    },
  });
  const resultError = result.error
    ? isApiError(result.error, NOT_RELEASED)
      ? 'Your teacher has not released the results yet. Check back later.'
      : errorMessage(result.error)
    : null;

  if (info.isPending || stored === undefined) {
    return (
      <StudentLayout title="Exam">
        <Center mih="40vh" role="status" aria-label="Loading">
          <Loader />
        </Center>
      </StudentLayout>
    );
  }

  const notFound = info.error instanceof ApiError && info.error.status === 404;
  const exam = info.data;
  const title = exam?.title ?? stored?.session.exam_title ?? 'Exam';
  const formVisible = !stored || showForm;

  return (
    <StudentLayout title={title}>
      <Stack gap="lg">
        {info.error && !notFound && (
          <Alert
            color="orange"
            variant="light"
            icon={isNetworkError(info.error) ? <IconWifiOff size={18} /> : <IconAlertCircle size={18} />}
            title="Could not load the exam details"
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{errorMessage(info.error)}</Text>
              <Button size="xs" variant="light" color="orange" onClick={() => void info.refetch()}>
                Try again
              </Button>
            </Stack>
          </Alert>
        )}

        {notFound && !stored ? (
          <Paper p={{ base: 'lg', sm: 'xl' }}>
            <Stack gap="xs">
              <Title order={1} fz={24}>
                Exam not available
              </Title>
              <Text c="dimmed">{errorMessage(info.error)}</Text>
              <Text size="sm">Check the link with your teacher.</Text>
            </Stack>
          </Paper>
        ) : (
          <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby="exam-title">
            <Stack gap="lg">
              <Stack gap={4}>
                {exam?.org_name && (
                  <Text size="sm" c="dimmed" fw={500}>
                    {exam.org_name}
                  </Text>
                )}
                <Title order={1} id="exam-title" fz={{ base: 24, sm: 28 }} style={{ textWrap: 'balance' }}>
                  {title}
                </Title>
              </Stack>
              {exam && (
                <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" verticalSpacing="sm">
                  <Fact label="Duration" value={plural(exam.duration_minutes, 'minute')} />
                  <Fact label="Questions" value={String(exam.question_count)} />
                  {exam.window_start || exam.window_end ? (
                    <>
                      <Fact label="Opens" value={formatWhen(exam.window_start) || 'Now'} />
                      <Fact label="Closes" value={formatWhen(exam.window_end) || 'No end time'} />
                    </>
                  ) : (
                    <Fact label="Available" value="Any time" />
                  )}
                </SimpleGrid>
              )}
              {exam && (
                <Alert color="indigo" variant="light" icon={<IconShieldCheck size={18} />} title="This exam is proctored">
                  You need a camera and a microphone
                  {exam.screen_required ? ', and to share your entire screen' : ''}. After you start, a device check,
                  photos of your ID and your face, and a short calibration come before the questions.
                </Alert>
              )}
              {exam?.instructions && (
                <Stack gap={6}>
                  <Title order={2} fz="lg">
                    Instructions
                  </Title>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{exam.instructions}</Text>
                </Stack>
              )}
              {exam && (exam.rules_allowed.length > 0 || exam.rules_prohibited.length > 0) && (
                <Stack gap="sm">
                  <Title order={2} fz="lg">
                    Rules
                  </Title>
                  <RulesList allowed={exam.rules_allowed} prohibited={exam.rules_prohibited} />
                </Stack>
              )}
            </Stack>
          </Paper>
        )}

        {stored && (
          <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby="continue-title">
            <Stack gap="sm">
              <Title order={2} fz="lg" id="continue-title">
                Your exam is in progress
              </Title>
              <Text size="sm">
                Started on this device by <b>{stored.session.student_name}</b> (roll number{' '}
                {stored.session.roll_number}). Your answers are kept on this device.
              </Text>
              <Group gap="sm">
                <Button leftSection={<IconPlayerPlay size={18} />} onClick={() => navigate(sessionPath)}>
                  Continue your exam
                </Button>
                {!showForm && (
                  <Button variant="subtle" onClick={() => setShowForm(true)}>
                    Use a different roll number
                  </Button>
                )}
              </Group>
            </Stack>
          </Paper>
        )}

        {formVisible && !(notFound && !stored) && (
          <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby="start-title">
            <form
              noValidate
              onSubmit={form.onSubmit((values) => {
                result.reset();
                join.mutate(joinBody(values));
              })}
              aria-labelledby="start-title"
            >
              <Stack>
                <Title order={2} fz="lg" id="start-title">
                  Start the exam
                </Title>
                {alreadySubmitted ? (
                  <Alert
                    color="teal"
                    variant="light"
                    icon={<IconChecklist size={18} />}
                    title="You have already submitted this exam."
                    role="alert"
                  >
                    {join.variables?.invite ? (
                      <Stack gap="xs" align="flex-start">
                        <Text size="sm">Once your teacher has released the results, you can see yours here.</Text>
                        {resultError && (
                          <Text size="sm" c={isApiError(result.error, NOT_RELEASED) ? undefined : 'red.8'} fw={500}>
                            {resultError}
                          </Text>
                        )}
                        <Button
                          size="xs"
                          color="teal"
                          loading={result.isPending}
                          onClick={() => join.variables && result.mutate(join.variables)}
                        >
                          See your result
                        </Button>
                      </Stack>
                    ) : (
                      <Text size="sm">
                        Once your teacher has released the results, open the personal invite link from your
                        teacher&apos;s email to see yours: a roll number alone does not show a result.
                      </Text>
                    )}
                  </Alert>
                ) : (
                  <ErrorAlert error={join.error} title="Could not start the exam" />
                )}
                {exam?.inviteError && (
                  <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} />}>
                    {exam.inviteError}
                  </Alert>
                )}
                {invitedName ? (
                  <Text>
                    You were invited as <b>{invitedName}</b>. No roll number or access code is needed.
                  </Text>
                ) : (
                  <SimpleGrid cols={{ base: 1, sm: exam?.needs_access_code ? 2 : 1 }}>
                    <TextInput
                      label="Roll number"
                      autoComplete="off"
                      autoCapitalize="none"
                      spellCheck={false}
                      required
                      autoFocus={!stored}
                      maxLength={64}
                      {...form.getInputProps('roll_number')}
                    />
                    {exam?.needs_access_code && (
                      <TextInput
                        label="Access code"
                        autoComplete="off"
                        autoCapitalize="none"
                        spellCheck={false}
                        required
                        maxLength={40}
                        {...form.getInputProps('access_code')}
                      />
                    )}
                  </SimpleGrid>
                )}
                <Divider />
                <Group justify="space-between" gap="sm">
                  <Text size="xs" c="dimmed" maw={420}>
                    The timer starts when you press Start exam
                    {exam ? ` and runs for ${plural(exam.duration_minutes, 'minute')}` : ''}.
                  </Text>
                  <Button type="submit" loading={join.isPending} disabled={!exam}>
                    Start exam
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        )}
      </Stack>
    </StudentLayout>
  );
}
