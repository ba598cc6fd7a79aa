import { Badge } from '@mantine/core';
import { STATUS_COLORS, STATUS_LABELS } from '../lib/labels';
import type { ExamStatus } from '../types';

export function StatusBadge({ status }: { status: ExamStatus }) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status]}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
