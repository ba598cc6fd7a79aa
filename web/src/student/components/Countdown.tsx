import { useEffect, useRef, useState } from 'react';
import { Box, Group, Text } from '@mantine/core';
import { IconClock, IconPlayerPause } from '@tabler/icons-react';
import { formatCountdown, remainingSeconds, spokenCountdown, WARNING_SECONDS, type ClockSync } from '../clock';

interface Props {
  clock: ClockSync | null;
  paused?: boolean;
  /** Called once when the remaining time reaches 0. */
  onExpire?: () => void;
}

/** Time left on the server's clock, ticking locally; orange under 5 minutes, red under 1. */
export function Countdown({ clock, paused, onExpire }: Props) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (paused) return; // the server's clock stands still too
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [paused]);

  const seconds = clock ? remainingSeconds(clock, now) : null;
  const expired = seconds === 0;
  const expireRef = useRef(onExpire);
  expireRef.current = onExpire;
  useEffect(() => {
    if (expired) expireRef.current?.();
  }, [expired]);

  // Spoken warnings at 5 and 1 minute (the timer itself is not announced every second).
  const [announcement, setAnnouncement] = useState('');
  const bucket = seconds === null ? null : seconds === 0 ? 0 : seconds <= 60 ? 1 : seconds <= WARNING_SECONDS ? 5 : 99;
  useEffect(() => {
    if (bucket === 5) setAnnouncement('5 minutes left.');
    else if (bucket === 1) setAnnouncement('1 minute left.');
    else if (bucket === 0) setAnnouncement('Time is up.');
  }, [bucket]);

  const color = seconds === null || seconds > WARNING_SECONDS ? 'gray' : seconds > 60 ? 'orange' : 'red';
  const text = seconds === null ? '--:--' : expired ? 'Time is up' : formatCountdown(seconds);
  const label =
    seconds === null
      ? 'Time left: unknown'
      : expired
        ? 'Time is up'
        : `Time left: ${spokenCountdown(seconds)}${paused ? ', paused' : ''}`;

  return (
    <>
      <Box
        role="timer"
        aria-label={label}
        px={10}
        py={4}
        bg={color === 'gray' ? 'gray.1' : `${color}.1`}
        c={color === 'gray' ? 'dark.7' : `${color}.9`}
        style={{
          borderRadius: 'var(--mantine-radius-md)',
          border: `1px solid var(--mantine-color-${color === 'gray' ? 'gray-3' : color + '-4'})`,
        }}
      >
        <Group gap={6} wrap="nowrap" aria-hidden>
          {paused ? <IconPlayerPause size={18} /> : <IconClock size={18} />}
          <Box>
            <Text size="10px" lh={1.1} fw={600} tt="uppercase" style={{ letterSpacing: '0.05em' }} visibleFrom="sm">
              {paused ? 'Paused' : 'Time left'}
            </Text>
            <Text fw={700} fz={{ base: 'md', sm: 'lg' }} lh={1.15} className="exam-timer" style={{ whiteSpace: 'nowrap' }}>
              {text}
            </Text>
          </Box>
        </Group>
      </Box>
      <div className="exam-visually-hidden" aria-live="assertive">
        {announcement}
      </div>
    </>
  );
}
