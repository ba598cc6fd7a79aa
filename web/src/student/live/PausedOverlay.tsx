import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPlayerPause } from '@tabler/icons-react';

/** Covers the exam (not the header with the stopped clock) while the proctor has paused it. */
export function PausedOverlay({ offline }: { offline?: boolean }) {
  return (
    <div className="live-paused" role="alertdialog" aria-modal="true" aria-labelledby="live-paused-title" aria-describedby="live-paused-text">
      <Paper p={{ base: 'lg', sm: 'xl' }} radius="md" shadow="md" maw={460} w="100%">
        <Stack align="center" gap="sm" ta="center">
          <ThemeIcon size={56} radius="xl" variant="light" color="blue" aria-hidden>
            <IconPlayerPause size={30} />
          </ThemeIcon>
          <Title order={2} fz={22} id="live-paused-title">
            Exam paused
          </Title>
          <Text id="live-paused-text">
            Your exam is paused by the proctor. Your time is stopped; your answers are kept.
          </Text>
          <Text size="sm" c="dimmed">
            {offline
              ? 'You are offline. The exam continues here once you are back online and the proctor resumes it.'
              : 'It continues here as soon as the proctor resumes it. You can chat with the proctor meanwhile.'}
          </Text>
        </Stack>
      </Paper>
    </div>
  );
}
