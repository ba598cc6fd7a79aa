import { Badge, Text } from '@mantine/core';
import { DASH, type Look } from './format';

const REVIEWS: Record<string, Look> = {
  approved: { label: 'Approved', color: 'green' },
  declined: { label: 'Declined', color: 'red' },
};

const FINISHED = new Set(['submitted', 'auto_submitted', 'terminated']);

/** A reviewer's decision on an attempt; "Pending" once it is finished and nobody has decided. */
export function ReviewBadge({ review, status }: { review: string; status: string }) {
  const look = REVIEWS[review] ?? (FINISHED.has(status) ? { label: 'Pending', color: 'blue' } : null);
  if (!look) {
    return (
      <Text size="sm" c="dimmed">
        {DASH}
      </Text>
    );
  }
  return (
    <Badge size="sm" variant={review in REVIEWS ? 'light' : 'outline'} color={look.color}>
      {look.label}
    </Badge>
  );
}
