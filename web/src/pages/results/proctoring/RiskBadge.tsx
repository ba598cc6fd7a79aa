import { Badge, Text, Tooltip, VisuallyHidden, type BadgeProps } from '@mantine/core';
import { DASH, tierLook } from '../format';

interface Props extends Omit<BadgeProps, 'children' | 'color'> {
  risk: number | null | undefined;
  /** The server's tier name (low, moderate, high, critical), when it sent one. */
  tier?: string | null;
  /** Show the tier's name next to the number ("62 · High"). */
  withLabel?: boolean;
}

/** A risk score in its tier's colour: Low green, Moderate yellow, High orange, Critical red. */
export function RiskBadge({ risk, tier, withLabel, ...rest }: Props) {
  if (risk === null || risk === undefined) {
    return (
      <Text size="sm" c="dimmed" component="span">
        {DASH}
      </Text>
    );
  }
  const look = tierLook(tier, risk);
  const text = withLabel ? `${Math.round(risk)} · ${look.label}` : String(Math.round(risk));
  const badge = (
    <Badge variant="light" color={look.color} {...rest}>
      {text}
      {!withLabel && <VisuallyHidden> ({look.label})</VisuallyHidden>}
    </Badge>
  );
  return withLabel ? (
    badge
  ) : (
    <Tooltip label={`${look.label} risk`} withArrow>
      {badge}
    </Tooltip>
  );
}
