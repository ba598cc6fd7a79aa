import { Anchor, Box, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { StudentLayout } from './components/StudentLayout';
import { recallResultAccess } from './result/resultAccess';
import { StudentResultSection } from './result/StudentResultSection';
import { formatTime } from './time';
import { plural } from './answers';
import './student.css';

/** What the exam page hands over when the attempt ends. */
export interface SubmittedState {
  /** How the attempt ended; unknown when the student comes back later for the result. */
  status?: string;
  title?: string;
  answered?: number;
  total?: number;
  submittedAt?: string;
  /** Failed: what went wrong; terminated: the proctor's reason. */
  message?: string;
  /** The attempt and its token: with them the page shows the result once it is released. */
  attemptId?: string;
  token?: string;
}

interface Copy {
  heading: string;
  text: string;
  tone: 'ok' | 'warn' | 'info';
  reason?: string;
}

function copy(status: string | undefined, message: string | undefined, known: boolean): Copy {
  switch (status) {
    case 'submitted':
      return { heading: 'Submitted', text: 'Your exam has been submitted.', tone: 'ok' as const };
    case 'auto_submitted':
      return {
        heading: 'Submitted',
        text: 'Time ran out, so your exam was submitted automatically.',
        tone: 'ok' as const,
      };
    case 'terminated':
      return {
        heading: 'Your proctor ended this exam',
        text: 'Your answers so far were submitted.',
        tone: 'warn' as const,
        reason: message,
      };
    case 'failed':
      return {
        heading: 'Answers saved',
        text:
          message ??
          'Your answers are saved, but the submission could not be completed. Your teacher can submit it for you.',
        tone: 'warn' as const,
      };
    default:
      // Back for the result (from the join page, or after a reload): how it ended is not known here.
      if (known) return { heading: 'Exam submitted', text: 'Your exam has been submitted.', tone: 'ok' as const };
      return {
        heading: 'No exam in progress',
        text: 'There is no exam in progress on this device.',
        tone: 'info' as const,
      };
  }
}

/** /take/:examId/submitted — the end of the exam. */
export function SubmittedPage() {
  const { examId = '' } = useParams();
  const state = (useLocation().state as SubmittedState | null) ?? null;
  // The page's own state first; after a reload without it, what this tab kept for the exam.
  const kept = state?.attemptId && state.token ? null : recallResultAccess(examId);
  const attemptId = state?.attemptId && state.token ? state.attemptId : kept?.attemptId;
  const token = state?.attemptId && state.token ? state.token : kept?.token;
  const withResult = !!(attemptId && token);
  const { heading, text, tone, reason } = copy(state?.status, state?.message, withResult);
  const at = formatTime(state?.submittedAt);
  return (
    <StudentLayout title={heading} size={withResult ? 640 : 560}>
      <Stack gap="lg">
        <Paper p={{ base: 'lg', sm: 'xl' }} shadow="sm">
          <Stack align="center" gap="md" ta="center">
            <ThemeIcon
              size={56}
              radius="xl"
              variant="light"
              color={tone === 'ok' ? 'teal' : tone === 'warn' ? 'orange' : 'gray'}
              aria-hidden
            >
              {tone === 'ok' ? <IconCheck size={32} /> : tone === 'warn' ? <IconAlertTriangle size={30} /> : <IconInfoCircle size={30} />}
            </ThemeIcon>
            <Title order={1} fz={28}>
              {heading}
            </Title>
            {state?.title && (
              <Text fw={500} size="lg">
                {state.title}
              </Text>
            )}
            {reason && (
              <Box className="exam-end-reason" w="100%">
                <Text size="xs" fw={700} tt="uppercase" c="orange.9" mb={4}>
                  Reason
                </Text>
                <Text>{reason}</Text>
              </Box>
            )}
            <Text>{text}</Text>
            {state?.answered !== undefined && state.total !== undefined && (
              <Text fw={600} size="lg">
                You answered {state.answered} of {plural(state.total, 'question')}.
              </Text>
            )}
            {at && (
              <Text size="sm" c="dimmed">
                Submitted at {at}
              </Text>
            )}
            {state || withResult ? (
              <Text size="sm" c="dimmed">
                You can close this tab now.
              </Text>
            ) : (
              <Anchor component={Link} to={`/take/${encodeURIComponent(examId)}`}>
                Go to the exam page
              </Anchor>
            )}
          </Stack>
        </Paper>
        {withResult && <StudentResultSection attemptId={attemptId!} token={token!} />}
      </Stack>
    </StudentLayout>
  );
}
