import { Badge, Box, Center, Group, Image, List, Paper, ScrollArea, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Proctoring, ProctorMedia } from '../../../api/types';
import { CARD_PX } from '../../../components/Page';
import { formatDateTime } from '../../../lib/format';
import { calibrationLook, formatClock } from '../format';
import { mediaUrl } from './api';

const KIND_LABELS: Record<string, string> = {
  webcam: 'Webcam',
  screen: 'Screen',
  room: 'Room',
  audio: 'Audio',
  selfie: 'Selfie',
  id_document: 'ID document',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

function Card({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Paper component="section" shadow="xs" px={CARD_PX} py="md" aria-labelledby={id} h="100%">
      <Title order={3} fz="md" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Photo({ attemptId, media, label, onOpen }: { attemptId: string; media: ProctorMedia | undefined; label: string; onOpen: (m: ProctorMedia) => void }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      {media ? (
        <UnstyledButton onClick={() => onOpen(media)} aria-label={`Enlarge the ${label.toLowerCase()}`}>
          <Image src={mediaUrl(attemptId, media.id)} alt={label} h={150} radius="md" fit="cover" />
        </UnstyledButton>
      ) : (
        <Center h={150} bg="var(--mantine-color-gray-1)" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Stack gap={4} align="center">
            <IconPhotoOff size={24} color="var(--mantine-color-gray-5)" aria-hidden />
            <Text size="xs" c="dimmed">
              No {label === 'Selfie' ? 'selfie' : label}
            </Text>
          </Stack>
        </Center>
      )}
    </Stack>
  );
}

/** The ID document photo and the selfie, side by side, to compare. */
export function IdentityCard({ record, media, onOpen }: { record: Proctoring; media: Map<string, ProctorMedia>; onOpen: (m: ProctorMedia) => void }) {
  const doc = record.id_document_id ? media.get(record.id_document_id) : undefined;
  const selfie = record.selfie_id ? media.get(record.selfie_id) : undefined;
  return (
    <Card title="Identity" id="identity-heading">
      <SimpleGrid cols={2} spacing="sm">
        <Photo attemptId={record.attempt_id} media={doc} label="ID photo" onOpen={onOpen} />
        <Photo attemptId={record.attempt_id} media={selfie} label="Selfie" onOpen={onOpen} />
      </SimpleGrid>
      {!doc && !selfie && (
        <Text size="xs" c="dimmed" mt="sm">
          This exam did not ask for an ID check, or the student did not get that far.
        </Text>
      )}
    </Card>
  );
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/** When the student agreed to recording and for how long it is kept; the calibration. */
export function ConsentCard({ record }: { record: Proctoring }) {
  const consent = record.consent;
  const recorded = Array.isArray(consent?.recorded) ? (consent.recorded as unknown[]).map(String) : [];
  const cal = calibrationLook(record.cal_status);
  const calAt = str(record.calibration?.at);
  return (
    <Card title="Consent and calibration" id="consent-heading">
      <Stack gap="md">
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            Consent
          </Text>
          {consent ? (
            <>
              <Text size="sm">
                Agreed {formatDateTime(str(consent.accepted_at))}
                {typeof consent.retention_days === 'number' && ` · recordings kept ${consent.retention_days} days`}
              </Text>
              {recorded.length > 0 && (
                <List size="xs" c="dimmed" spacing={2}>
                  {recorded.map((item) => (
                    <List.Item key={item}>{item}</List.Item>
                  ))}
                </List>
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              Not given: nothing was recorded.
            </Text>
          )}
        </Stack>
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            Calibration
          </Text>
          <Group gap="xs">
            <Badge variant="dot" color={cal.color}>
              {record.cal_status ? cal.label : 'Not done'}
            </Badge>
            {calAt && (
              <Text size="xs" c="dimmed">
                {formatDateTime(calAt)}
              </Text>
            )}
          </Group>
          {record.cal_reason && <Text size="sm">{record.cal_reason}</Text>}
          <Text size="xs" c="dimmed">
            Gaze, head-movement and noise flags are measured against this baseline.
          </Text>
        </Stack>
      </Stack>
    </Card>
  );
}

/** Webcam, screen and room snapshots in the order they were taken; audio clips to play. */
export function MediaStrip({ record, onOpen }: { record: Proctoring; onOpen: (m: ProctorMedia) => void }) {
  const items = record.media.filter((m) => m.kind !== 'selfie' && m.kind !== 'id_document');
  const pictures = items.filter((m) => m.kind !== 'audio');
  const clips = items.filter((m) => m.kind === 'audio');
  return (
    <Card title={`Snapshots and clips (${items.length})`} id="media-heading">
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No snapshots or clips were recorded for this attempt.
        </Text>
      ) : (
        <Stack gap="sm">
          {pictures.length > 0 && (
            <ScrollArea type="auto" offsetScrollbars>
              <Group gap="sm" wrap="nowrap" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Snapshots">
                {pictures.map((m) => (
                  <Box component="li" key={m.id} w={144} style={{ flex: 'none' }}>
                    <UnstyledButton onClick={() => onOpen(m)} aria-label={`Enlarge the ${kindLabel(m.kind).toLowerCase()} snapshot of ${formatClock(m.taken_at)}`}>
                      <Image src={mediaUrl(record.attempt_id, m.id)} alt="" w={144} h={90} radius="sm" fit="cover" />
                    </UnstyledButton>
                    <Text size="xs" c="dimmed" mt={2}>
                      {kindLabel(m.kind)} · {formatClock(m.taken_at)}
                    </Text>
                  </Box>
                ))}
              </Group>
            </ScrollArea>
          )}
          {clips.map((m) => (
            <Group key={m.id} gap="sm">
              <Text size="xs" c="dimmed" w={110}>
                Audio · {formatClock(m.taken_at)}
              </Text>
              <audio controls preload="none" src={mediaUrl(record.attempt_id, m.id)} aria-label={`Audio clip of ${formatClock(m.taken_at)}`} />
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
