import { Box, Text } from '@mantine/core';
import { formatClock, riskTier } from '../format';

interface Props {
  /** [time, live risk 0–100] from the start of the sitting to now. */
  series: [string, number][];
  height?: number;
}

const W = 300;

/** The live risk over the sitting as a small line chart (0–100), in the current tier's colour. */
export function Sparkline({ series, height = 64 }: Props) {
  if (series.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No risk history yet.
      </Text>
    );
  }
  const values = series.map(([, v]) => Math.max(0, Math.min(100, v)));
  const last = values[values.length - 1]!;
  const peak = Math.max(...values);
  const color = `var(--mantine-color-${riskTier(last).color}-6)`;
  const x = (i: number) => (values.length === 1 ? W : (i / (values.length - 1)) * W);
  const y = (v: number) => height - 2 - (v / 100) * (height - 4);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const label = `Live risk from ${formatClock(series[0]![0])} to ${formatClock(series[series.length - 1]![0])}: now ${Math.round(last)}, peak ${Math.round(peak)}`;
  return (
    <Box>
      <svg viewBox={`0 0 ${W} ${height}`} width="100%" height={height} preserveAspectRatio="none" role="img" aria-label={label}>
        {[25, 50, 75].map((t) => (
          <line key={t} x1={0} x2={W} y1={y(t)} y2={y(t)} stroke="var(--mantine-color-gray-3)" strokeWidth={1} strokeDasharray="3 3" vectorEffect="non-scaling-stroke" />
        ))}
        <polygon points={`0,${height} ${points} ${W},${height}`} fill={color} opacity={0.12} />
        <polyline points={points} fill="none" stroke={color} strokeWidth={2} strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
      </svg>
      <Text size="xs" c="dimmed">
        Now {Math.round(last)} · peak {Math.round(peak)} · since {formatClock(series[0]![0])}
      </Text>
    </Box>
  );
}
