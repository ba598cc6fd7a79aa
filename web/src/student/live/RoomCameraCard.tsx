/**
 * The room camera on the exam page (when the exam asks for one): a QR code with a one-time
 * link until a phone sends its first picture, then a small status. `useRoomWatch` turns a
 * phone gone quiet into a `room_camera_lost` signal, and its next picture into the end.
 */
import { Alert, Anchor, Badge, Button, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { IconDeviceMobile, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { liveApi, type RoomLink, type RoomStatus } from './api';

/** A phone silent for this many snapshot intervals (and at least MIN_SILENCE_MS) is lost. */
export const SILENT_INTERVALS = 3;
export const MIN_SILENCE_MS = 30_000;

export function roomSilent(room: RoomStatus | null, intervalS: number, now: number): boolean {
  if (!room?.required || !room.paired || !room.last_seen_at) return false;
  const limit = Math.max(MIN_SILENCE_MS, SILENT_INTERVALS * intervalS * 1000);
  return now - new Date(room.last_seen_at).getTime() > limit;
}

/** Report the room camera going quiet and coming back (a lasting condition). */
export function useRoomWatch(room: RoomStatus | null, intervalS: number, report: (sending: boolean) => void) {
  const [silent, setSilent] = useState(false);
  useEffect(() => {
    if (!room?.required || !room.last_seen_at) return;
    const check = () => setSilent(roomSilent(room, intervalS, Date.now()));
    check();
    const timer = setInterval(check, 5000);
    return () => clearInterval(timer);
  }, [room, intervalS]);
  useEffect(() => {
    if (room?.required && room.last_seen_at) report(!silent);
  }, [silent, room?.required, room?.last_seen_at, report]);
  return silent;
}

interface Props {
  attemptId: string;
  token: string;
  room: RoomStatus | null;
  silent: boolean;
}

export function RoomCameraCard({ attemptId, token, room, silent }: Props) {
  const [link, setLink] = useState<RoomLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const connected = !!room?.paired && !!room.last_seen_at;

  const fetchLink = useCallback(() => {
    setError(null);
    liveApi.roomLink(attemptId, token).then(setLink, (err: Error) => setError(err.message));
  }, [attemptId, token]);

  useEffect(() => {
    if (room?.required && !connected && !link) fetchLink();
  }, [room?.required, connected, link, fetchLink]);

  if (!room?.required) return null;
  if (connected && !silent) {
    return (
      <Paper p="md">
        <Group gap="xs" justify="space-between">
          <Group gap={6}>
            <IconDeviceMobile size={16} aria-hidden />
            <Text size="sm" fw={600}>
              Room camera
            </Text>
          </Group>
          <Badge color="teal" variant="light">
            On
          </Badge>
        </Group>
        <Anchor component="button" size="xs" mt={6} onClick={() => (setLink(null), fetchLink())}>
          Use another phone
        </Anchor>
        {link && <QrCode link={link} />}
      </Paper>
    );
  }
  return (
    <Paper p="md" className="room-camera-card">
      <Stack gap="sm">
        <Group gap={6}>
          <IconDeviceMobile size={16} aria-hidden />
          <Text size="sm" fw={600}>
            {silent ? 'Room camera lost' : 'Connect your room camera'}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {silent
            ? 'Your phone stopped sending pictures. Open its page again, or scan a new code.'
            : 'Scan this code with your phone and keep its page open, standing to one side so it shows you, your desk and your screen.'}
        </Text>
        {error && (
          <Alert color="red" p="xs">
            {error}
          </Alert>
        )}
        {link && <QrCode link={link} />}
        <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={fetchLink}>
          New code
        </Button>
      </Stack>
    </Paper>
  );
}

function QrCode({ link }: { link: RoomLink }) {
  return (
    <Stack gap={4} align="center">
      <Image
        src={`data:image/svg+xml;utf8,${encodeURIComponent(link.qr_svg)}`}
        alt="QR code that connects your phone as the room camera"
        w={180}
        h={180}
      />
      <Text size="xs" c="dimmed" ta="center">
        Works once, until {new Date(link.expires_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
      </Text>
    </Stack>
  );
}
