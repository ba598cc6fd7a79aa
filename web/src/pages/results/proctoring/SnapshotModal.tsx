import { Image, Modal, Text } from '@mantine/core';
import type { ProctorMedia } from '../../../api/types';
import { formatDateTime } from '../../../lib/format';
import { mediaUrl } from './api';
import { kindLabel } from './Evidence';

/** One photo, large. */
export function SnapshotModal({ attemptId, media, onClose }: { attemptId: string; media: ProctorMedia | null; onClose: () => void }) {
  const title = media ? `${kindLabel(media.kind)} · ${formatDateTime(media.taken_at)}` : '';
  return (
    <Modal opened={!!media} onClose={onClose} title={title} size="xl" centered>
      {media && (
        <>
          <Image src={mediaUrl(attemptId, media.id)} alt={title} radius="sm" fit="contain" mah="70vh" />
          {media.width && media.height && (
            <Text size="xs" c="dimmed" mt="xs">
              {media.width} × {media.height} px
            </Text>
          )}
        </>
      )}
    </Modal>
  );
}
