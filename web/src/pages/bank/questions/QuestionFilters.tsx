import { Chip, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTags } from '../queries';
import type { QuestionType } from '../types';
import { TYPE_OPTIONS } from './questionTypes';

interface Props {
  text: string;
  onText: (value: string) => void;
  type: QuestionType | null;
  onType: (value: QuestionType | null) => void;
  tags: string[];
  onTags: (value: string[]) => void;
}

/** Search words, a type and tag chips (a question must carry every chosen tag). */
export function QuestionFilters({ text, onText, type, onType, tags, onTags }: Props) {
  const tagCounts = useTags();
  return (
    <Stack gap="sm" px={{ base: 'md', sm: 'lg' }} pb="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Words in the question"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => onText(e.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
          maxLength={200}
        />
        <Select
          label="Type"
          placeholder="All types"
          data={TYPE_OPTIONS}
          value={type}
          onChange={(value) => onType(value as QuestionType | null)}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
      </Group>
      {tagCounts.data && tagCounts.data.length > 0 && (
        <Group gap={6} role="group" aria-label="Filter by tag">
          <Text size="sm" c="dimmed" mr={4}>
            Tags:
          </Text>
          <Chip.Group multiple value={tags} onChange={onTags}>
            {tagCounts.data.map((t) => (
              <Chip key={t.tag} value={t.tag} size="xs" variant="light">
                {t.tag} ({t.count})
              </Chip>
            ))}
          </Chip.Group>
        </Group>
      )}
    </Stack>
  );
}
