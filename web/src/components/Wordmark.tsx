import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';

export function Wordmark({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const big = size === 'lg';
  return (
    <Group gap={8} wrap="nowrap" role="img" aria-label="Procta">
      <ThemeIcon size={big ? 36 : 30} radius="md" variant="filled" aria-hidden>
        <IconShieldCheck size={big ? 22 : 18} stroke={2} />
      </ThemeIcon>
      <Text fw={750} fz={big ? 26 : 20} lh={1} style={{ letterSpacing: '-0.02em' }} aria-hidden>
        Procta
      </Text>
    </Group>
  );
}
