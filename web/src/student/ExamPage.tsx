import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Button, Center, Container, Flex, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconDeviceDesktopOff, IconSend } from '@tabler/icons-react';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { countAnswered, countFlagged, navigatorItems } from './answers';
import { ConnectionBanner } from './components/ConnectionBanner';
import { Countdown } from './components/Countdown';
import { QuestionNavigator } from './components/QuestionNavigator';
import { QuestionPanel } from './components/QuestionPanel';
import { StudentLayout } from './components/StudentLayout';
import { SubmitModal } from './components/SubmitModal';
import { ProctorBanners, WarningLog } from './proctoring/ProctorPanels';
import { ProctoringGate } from './proctoring/ProctoringGate';
import { rememberResultAccess } from './result/resultAccess';
import { useProctoring } from './proctoring/useProctoring';
import type { SubmittedState } from './SubmittedPage';
import { useExamSession } from './useExamSession';
import { LiveLayer, proctorLogEntries } from './live/LiveLayer';
import { PausedOverlay } from './live/PausedOverlay';
import { RoomCameraCard, useRoomWatch } from './live/RoomCameraCard';
import { useLiveChannel } from './live/useLiveChannel';
import './student.css';

/** /take/:examId/session — the exam itself. */
export function ExamPage() {
  const { examId = '' } = useParams();
  const navigate = useNavigate();
  const joinPath = `/take/${encodeURIComponent(examId)}`;
  const flushProctoring = useRef<(() => Promise<void>) | null>(null);
  const exam = useExamSession(examId, {
    beforeSubmit: () => flushProctoring.current?.() ?? Promise.resolve(),
  });
  const { phase, session, answers, saveStates, clock, status, connection, halt, submitStage, credentials } = exam;
  const proctor = useProctoring({
    attemptId: exam.credentials?.attemptId ?? '',
    token: exam.credentials?.token ?? '',
    clockOffsetMs: clock?.offsetMs ?? 0,
    active: phase.kind === 'ready',
    submitting: submitStage.kind === 'sending' || submitStage.kind === 'waiting',
  });
  flushProctoring.current = () => proctor.flush(4000);
  const live = useLiveChannel({
    attemptId: exam.credentials?.attemptId ?? '',
    token: exam.credentials?.token ?? '',
    enabled: phase.kind === 'ready',
    onState: exam.applyLive,
    onPaused: () => exam.setPaused(true),
    onResumed: (deadlineAt) => exam.setPaused(false, deadlineAt),
    onEnded: exam.endedByProctor,
  });
  const roomSilent = useRoomWatch(live.room, proctor.setup?.snapshot_interval_s ?? 10, proctor.setRoomCamera);
  const warningLog = useMemo(
    () => proctorLogEntries(live.received, proctor.warnings),
    [live.received, proctor.warnings],
  );

  const [current, setCurrent] = useState(0);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [timeUp, setTimeUp] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const panelTop = useRef<HTMLDivElement>(null);

  useDocumentTitle(session ? `${session.exam_title} · Procta` : 'Exam · Procta');

  const questions = useMemo(
    () => [...(session?.questions ?? [])].sort((a, b) => a.position - b.position),
    [session?.questions],
  );
  const total = questions.length;
  const index = Math.min(current, Math.max(0, total - 1));
  const question = questions[index];
  const items = useMemo(() => navigatorItems(questions, answers, index), [questions, answers, index]);
  const answered = countAnswered(questions, answers);
  const flagged = countFlagged(questions, answers);

  // After the exam ends (submitted here or elsewhere), show the result page.
  useEffect(() => {
    if (phase.kind !== 'finished') return;
    const state: SubmittedState = {
      status: phase.status,
      title: session?.exam_title,
      answered: phase.result?.answered,
      total: phase.result?.total,
      submittedAt: phase.result?.submitted_at,
      message: phase.message,
      // The stored session (and its token) is gone now: these show the result once released.
      attemptId: credentials?.attemptId,
      token: credentials?.token,
    };
    rememberResultAccess(examId, credentials);
    navigate(`${joinPath}/submitted`, { replace: true, state });
  }, [phase, navigate, joinPath, examId, session?.exam_title, credentials]);

  const goTo = useCallback(
    (i: number, focusHeading: boolean) => {
      setCurrent(i);
      // Bring the question into view (on a phone the navigator is below it).
      requestAnimationFrame(() => {
        const top = panelTop.current;
        if (top && top.getBoundingClientRect().top < 0) top.scrollIntoView({ block: 'start' });
        if (focusHeading) headingRef.current?.focus();
      });
    },
    [],
  );

  const onExpire = useCallback(() => {
    if (status !== 'in_progress' && status !== 'paused') return;
    setTimeUp(true);
    setConfirmOpen(true);
    void exam.submit();
  }, [exam, status]);

  if (phase.kind === 'loading' || phase.kind === 'finished') {
    return (
      <Center mih="100vh" role="status" aria-label="Loading the exam">
        <Loader />
      </Center>
    );
  }
  if (phase.kind === 'missing') return <Navigate to={joinPath} replace />;
  if (phase.kind === 'error') {
    return (
      <StudentLayout title="Exam">
        <Paper p="xl">
          <Stack gap="sm" align="flex-start">
            <Title order={1} fz={24}>
              The exam could not be opened
            </Title>
            <Text>{phase.message}</Text>
            <Button onClick={() => window.location.reload()}>Try again</Button>
          </Stack>
        </Paper>
      </StudentLayout>
    );
  }
  if (phase.kind === 'replaced') {
    return (
      <StudentLayout title="Opened on another device">
        <Paper p={{ base: 'lg', sm: 'xl' }} role="alert">
          <Stack gap="md" align="flex-start">
            <IconDeviceDesktopOff size={40} color="var(--mantine-color-orange-6)" aria-hidden />
            <Title order={1} fz={24}>
              This exam was opened on another device
            </Title>
            <Text>
              Only one device can take the exam at a time. To continue on this device, join again with your roll
              number: the other device will be signed out. Answers kept on this device are sent when you rejoin.
            </Text>
            <Button onClick={() => navigate(joinPath)}>Join again</Button>
          </Stack>
        </Paper>
      </StudentLayout>
    );
  }
  if (!session || !question) {
    return (
      <StudentLayout title="Exam">
        <Paper p="xl">
          <Text>This exam has no questions. Tell your teacher.</Text>
        </Paper>
      </StudentLayout>
    );
  }

  if (proctor.stage.kind === 'loading') {
    return (
      <Center mih="100vh" role="status" aria-label="Preparing proctoring">
        <Loader />
      </Center>
    );
  }
  if (proctor.stage.kind === 'error') {
    return (
      <StudentLayout title={session.exam_title}>
        <Paper p="xl">
          <Stack gap="sm" align="flex-start" role="alert">
            <Title order={1} fz={24}>
              Proctoring could not start
            </Title>
            <Text>{proctor.stage.message}</Text>
            <Button onClick={proctor.retry}>Try again</Button>
          </Stack>
        </Paper>
      </StudentLayout>
    );
  }
  const liveLayer = exam.credentials && <LiveLayer attemptId={exam.credentials.attemptId} live={live} />;
  if (proctor.stage.kind === 'setup' && proctor.setup && proctor.kit && exam.credentials) {
    return (
      <>
        {liveLayer}
        <ProctoringGate
          setup={proctor.setup}
          kit={proctor.kit}
          attemptId={exam.credentials.attemptId}
          token={exam.credentials.token}
          examTitle={session.exam_title}
          onStart={(noiseFloorDb) => {
            void exam.begin();
            proctor.begin(noiseFloorDb);
          }}
          onStepDone={proctor.markDone}
        />
      </>
    );
  }

  const paused = status === 'paused';
  const closed = halt?.kind === 'closed';
  const locked = timeUp || closed || submitStage.kind === 'sending' || submitStage.kind === 'waiting';

  return (
    <Box mih="100vh" pb={96}>
      <Box component="header" className="exam-header">
        <Container size={1280} px="md" py={8}>
          <Flex
            direction={{ base: 'column', sm: 'row' }}
            justify="space-between"
            align={{ base: 'stretch', sm: 'center' }}
            gap={{ base: 6, sm: 'sm' }}
          >
            <Box miw={0} style={{ flex: 1 }}>
              <Title order={1} fz={{ base: 'sm', sm: 'lg' }} lh={1.3} lineClamp={1} title={session.exam_title}>
                {session.exam_title}
              </Title>
              <Text size="xs" c="dimmed" truncate="end">
                {session.student_name} · {session.roll_number}
                {proctor.setup && (
                  <>
                    {' · '}
                    <span className="proctor-live">
                      <span className="proctor-live-dot" aria-hidden />
                      Proctored
                    </span>
                  </>
                )}
              </Text>
            </Box>
            <Group gap="sm" wrap="nowrap" justify="space-between">
              <Countdown clock={clock} paused={paused} onExpire={onExpire} />
              <Button onClick={() => setConfirmOpen(true)} disabled={timeUp || paused} leftSection={<IconSend size={16} />}>
                Submit exam
              </Button>
            </Group>
          </Flex>
        </Container>
      </Box>

      <ConnectionBanner connection={connection} paused={paused} halt={halt} />
      <ProctorBanners
        needsFullscreen={proctor.needsFullscreenPrompt}
        devices={proctor.devices}
        screenRequired={!!proctor.setup?.screen}
        cameraRequired={!!proctor.setup?.camera}
        onFullscreen={proctor.returnToFullscreen}
        onReshare={() => void proctor.reshareScreen()}
        onReconnect={() => void proctor.reconnectCamera()}
      />

      <Container size={1280} px="md" pt="md" component="main" inert={paused}>
        <Flex direction={{ base: 'column', md: 'row' }} gap="lg" align={{ base: 'stretch', md: 'flex-start' }}>
          <Box ref={panelTop} style={{ flex: 1, minWidth: 0, scrollMarginTop: 80 }}>
            <QuestionPanel
              ref={headingRef}
              question={question}
              index={index}
              total={total}
              answer={answers[question.id]}
              saveState={saveStates[question.id]}
              disabled={locked}
              onChange={(response) => exam.setResponse(question.id, response)}
              onToggleFlag={() => exam.toggleFlag(question.id)}
              onPrevious={() => goTo(index - 1, false)}
              onNext={() => goTo(index + 1, false)}
              onFinish={() => setConfirmOpen(true)}
            />
          </Box>
          <Stack gap="md" w={{ base: '100%', md: 300 }} className="exam-nav-panel">
            {exam.credentials && (
              <RoomCameraCard
                attemptId={exam.credentials.attemptId}
                token={exam.credentials.token}
                room={live.room}
                silent={roomSilent}
              />
            )}
            <Paper p="md">
              <QuestionNavigator items={items} onSelect={(i) => goTo(i, true)} />
            </Paper>
            {proctor.stage.kind === 'running' && <WarningLog warnings={warningLog} />}
          </Stack>
        </Flex>
      </Container>

      {paused && <PausedOverlay offline={connection === 'offline'} />}
      {liveLayer}

      <SubmitModal
        opened={(confirmOpen || timeUp) && !paused}
        timeUp={timeUp}
        answered={answered}
        total={total}
        flagged={flagged}
        stage={submitStage}
        onConfirm={() => void exam.submit()}
        onCancel={() => {
          exam.cancelSubmit();
          setConfirmOpen(false);
        }}
      />
    </Box>
  );
}
