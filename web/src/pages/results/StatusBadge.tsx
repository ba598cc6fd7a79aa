import { Badge, type BadgeProps } from '@mantine/core';
import { STATUS_COLORS, statusLabel } from './format';

/** An attempt's status: submitted, auto-submitted, in progress, paused, failed, terminated. */
export function StatusBadge({ status, ...rest }: { status: string } & Omit<BadgeProps, 'children'>) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status] ?? 'gray'} {...rest}>
      {statusLabel(status)}
    </Badge>
  );
}
