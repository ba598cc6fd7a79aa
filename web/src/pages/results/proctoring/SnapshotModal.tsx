import { useState } from 'react';
import { Group, Image, Modal, Switch, Text } from '@mantine/core';
import type { ProctorMedia } from '../../../api/types';
import { formatDateTime } from '../../../lib/format';
import { mediaUrl } from './api';
import { kindLabel } from './Evidence';

/** One photo, large; optionally with the faces the AI found drawn on it. */
export function SnapshotModal({ attemptId, media, onClose }: { attemptId: string; media: ProctorMedia | null; onClose: () => void }) {
  const [boxes, setBoxes] = useState(false);
  const title = media ? `${kindLabel(media.kind)} · ${formatDateTime(media.taken_at)}` : '';
  const src = media ? mediaUrl(attemptId, media.id) + (boxes ? '?boxes=true' : '') : '';
  return (
    <Modal opened={!!media} onClose={onClose} title={title} size="xl" centered>
      {media && (
        <>
          <Image src={src} alt={title} radius="sm" fit="contain" mah="70vh" />
          <Group justify="space-between" mt="xs">
            <Text size="xs" c="dimmed">
              {media.width && media.height ? `${media.width} × ${media.height} px` : ''}
            </Text>
            <Switch size="xs" label="Show the faces the AI found" checked={boxes} onChange={(e) => setBoxes(e.currentTarget.checked)} />
          </Group>
        </>
      )}
    </Modal>
  );
}
