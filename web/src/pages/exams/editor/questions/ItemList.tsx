import { ActionIcon, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconDice5, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { QUESTION_TYPE_LABELS, plural } from '../../lib/labels';
import { moveItem, type DraftItem } from './draftItems';

interface Props {
  items: DraftItem[];
  onChange: (items: DraftItem[]) => void;
  readOnly?: boolean;
}

type Control = 'up' | 'down';

function describe(item: DraftItem): string {
  return item.kind === 'question'
    ? item.question.stem.slice(0, 60)
    : `pool of ${item.pool_count} tagged ${item.pool_tags.join(', ')}`;
}

/** The exam's items in order, each movable with buttons (the focus follows the item). */
export function ItemList({ items, onChange, readOnly }: Props) {
  const controls = useRef(new Map<string, HTMLButtonElement | null>());
  const [focus, setFocus] = useState<{ key: string; control: Control } | null>(null);

  useEffect(() => {
    if (!focus) return;
    const index = items.findIndex((i) => i.key === focus.key);
    // At an end the pressed button is disabled: keep the keyboard on the other one.
    const control: Control = focus.control === 'up' && index === 0 ? 'down' : focus.control === 'down' && index === items.length - 1 ? 'up' : focus.control;
    controls.current.get(`${focus.key}:${control}`)?.focus();
    setFocus(null);
  }, [focus, items]);

  const move = (index: number, by: -1 | 1) => {
    const item = items[index]!;
    onChange(moveItem(items, index, by));
    setFocus({ key: item.key, control: by < 0 ? 'up' : 'down' });
  };

  return (
    <Stack gap="xs" component="ol" aria-label="Exam questions" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item, index) => (
        <Paper key={item.key} component="li" p="sm" withBorder shadow="none" bg={item.kind === 'pool' ? 'indigo.0' : undefined}>
          <Group wrap="nowrap" align="flex-start" gap="sm">
            <Text fw={600} size="sm" c="dimmed" w={28} ta="right" style={{ flexShrink: 0 }}>
              {index + 1}.
            </Text>
            <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
              {item.kind === 'question' ? (
                <>
                  <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                    {item.question.stem}
                  </Text>
                  <Group gap={6}>
                    <Badge variant="light" color="gray" size="sm">
                      {QUESTION_TYPE_LABELS[item.question.type as keyof typeof QUESTION_TYPE_LABELS] ?? item.question.type}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {plural(item.question.points, 'point')}
                    </Text>
                    {item.question.tags.map((t) => (
                      <Badge key={t} variant="outline" color="gray" size="sm" tt="none">
                        {t}
                      </Badge>
                    ))}
                    {item.question.deleted && (
                      <Badge color="red" variant="light" size="sm">
                        Deleted from the bank: remove it
                      </Badge>
                    )}
                  </Group>
                </>
              ) : (
                <>
                  <Group gap={6} wrap="nowrap">
                    <IconDice5 size={16} aria-hidden />
                    <Text size="sm" fw={500}>
                      Draw {plural(item.pool_count, 'question')} tagged {item.pool_tags.join(' + ')}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {item.matching_count === null
                      ? 'Each student gets a random draw; the bank is checked when you save.'
                      : `Each student gets a random draw from ${plural(item.matching_count, 'matching question')}.`}
                  </Text>
                </>
              )}
            </Stack>
            {!readOnly && (
              <Group gap={2} wrap="nowrap" style={{ flexShrink: 0 }}>
                <Tooltip label="Move up" withArrow>
                  <ActionIcon
                    ref={(el) => {
                      controls.current.set(`${item.key}:up`, el);
                    }}
                    variant="subtle"
                    color="gray"
                    aria-label={`Move item ${index + 1} up: ${describe(item)}`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Move down" withArrow>
                  <ActionIcon
                    ref={(el) => {
                      controls.current.set(`${item.key}:down`, el);
                    }}
                    variant="subtle"
                    color="gray"
                    aria-label={`Move item ${index + 1} down: ${describe(item)}`}
                    disabled={index === items.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Remove" withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove item ${index + 1}: ${describe(item)}`}
                    onClick={() => onChange(items.filter((i) => i.key !== item.key))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
