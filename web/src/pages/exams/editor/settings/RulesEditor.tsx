import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { MAX_RULES, RULE_MAX_LENGTH } from './settingsValues';

interface Props {
  /** "Allowed" or "Prohibited": names the list and each of its inputs. */
  label: string;
  description: string;
  placeholder: string;
  value: string[];
  onChange: (rules: string[]) => void;
  error?: string;
}

/** An editable list of one-line rules; empty lines are dropped on save. */
export function RulesEditor({ label, description, placeholder, value, onChange, error }: Props) {
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);

  useEffect(() => {
    if (focusIndex !== null) {
      inputs.current[Math.min(focusIndex, value.length - 1)]?.focus();
      setFocusIndex(null);
    }
  }, [focusIndex, value.length]);

  const add = () => {
    onChange([...value, '']);
    setFocusIndex(value.length);
  };
  const remove = (index: number) => {
    onChange(value.filter((_, i) => i !== index));
    if (value.length > 1) setFocusIndex(Math.max(0, index - 1));
  };

  return (
    <Stack gap={6} role="group" aria-label={`${label} rules`}>
      <div>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      </div>
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          No rules yet.
        </Text>
      )}
      {value.map((rule, index) => (
        <Group key={index} gap={6} wrap="nowrap">
          <TextInput
            ref={(el) => {
              inputs.current[index] = el;
            }}
            aria-label={`${label} rule ${index + 1}`}
            placeholder={placeholder}
            value={rule}
            maxLength={RULE_MAX_LENGTH}
            onChange={(e) => onChange(value.map((r, i) => (i === index ? e.currentTarget.value : r)))}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                if (value.length < MAX_RULES) add();
              }
            }}
            style={{ flex: 1 }}
          />
          <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${label.toLowerCase()} rule ${index + 1}`} onClick={() => remove(index)}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={add}
          disabled={value.length >= MAX_RULES}
          aria-label={`Add ${label.toLowerCase()} rule`}
        >
          Add rule
        </Button>
      </Group>
    </Stack>
  );
}
