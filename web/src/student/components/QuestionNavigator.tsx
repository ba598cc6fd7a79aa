import { Group, Stack, Text } from '@mantine/core';
import { IconFlagFilled } from '@tabler/icons-react';
import type { NavItem } from '../answers';

interface Props {
  items: NavItem[];
  onSelect: (index: number) => void;
}

/**
 * One button per question: filled when answered, an orange flag when flagged for review, a
 * ring around the current one (also `aria-current="step"`). Each button's name says it all:
 * "Question 3, answered, flagged".
 */
export function QuestionNavigator({ items, onSelect }: Props) {
  const answered = items.filter((i) => i.answered).length;
  const flagged = items.filter((i) => i.flagged).length;
  return (
    <Stack component="nav" aria-label="Questions" gap="sm">
      <Group justify="space-between" gap="xs">
        <Text fw={650} size="sm">
          Questions
        </Text>
        <Text size="sm" c="dimmed">
          {answered} of {items.length} answered
        </Text>
      </Group>
      <div className="exam-nav-grid">
        {items.map((item, index) => (
          <button
            key={item.questionId}
            type="button"
            className="exam-nav-button"
            aria-label={item.label}
            aria-current={item.current ? 'step' : undefined}
            data-answered={item.answered || undefined}
            data-flagged={item.flagged || undefined}
            onClick={() => onSelect(index)}
          >
            {item.number}
            {item.flagged && (
              <span className="exam-nav-flag" aria-hidden>
                <IconFlagFilled size={10} />
              </span>
            )}
          </button>
        ))}
      </div>
      <Group gap="md" mt={4} aria-hidden>
        <Legend label="Answered" answered />
        <Legend label="Not answered" />
        <Legend label="Current" current />
        <Group gap={6} wrap="nowrap">
          <span className="exam-nav-swatch" style={{ border: 0 }}>
            <span className="exam-nav-flag" style={{ top: 0, right: 0 }}>
              <IconFlagFilled size={10} />
            </span>
          </span>
          <Text size="xs" c="dimmed">
            Flagged{flagged > 0 ? ` (${flagged})` : ''}
          </Text>
        </Group>
      </Group>
    </Stack>
  );
}

function Legend({ label, answered, current }: { label: string; answered?: boolean; current?: boolean }) {
  return (
    <Group gap={6} wrap="nowrap">
      <span className="exam-nav-swatch" data-answered={answered || undefined} data-current={current || undefined} />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}
