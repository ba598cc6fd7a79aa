import type { ReactNode } from 'react';
import { List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';

interface Props {
  allowed: string[];
  prohibited: string[];
}

/** The exam's rules as two lists: "Allowed" and "Not allowed". */
export function RulesList({ allowed, prohibited }: Props) {
  if (allowed.length === 0 && prohibited.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      <RuleColumn
        title="Allowed"
        items={allowed}
        empty="Nothing beyond the exam itself."
        icon={
          <ThemeIcon color="teal" size={22} radius="xl" variant="light" aria-hidden>
            <IconCheck size={14} stroke={2.5} />
          </ThemeIcon>
        }
      />
      <RuleColumn
        title="Not allowed"
        items={prohibited}
        empty="No restrictions listed."
        icon={
          <ThemeIcon color="red" size={22} radius="xl" variant="light" aria-hidden>
            <IconX size={14} stroke={2.5} />
          </ThemeIcon>
        }
      />
    </SimpleGrid>
  );
}

function RuleColumn({ title, items, empty, icon }: { title: string; items: string[]; empty: string; icon: ReactNode }) {
  const id = `rules-${title.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <Stack gap="xs">
      <Title order={3} fz="md" id={id}>
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <List spacing={8} size="sm" icon={icon} aria-labelledby={id} center>
          {items.map((rule, i) => (
            <List.Item key={i}>{rule}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
