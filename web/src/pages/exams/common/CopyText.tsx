import { ActionIcon, Button, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

interface Props {
  value: string;
  /** What is copied, for the accessible name ("Copy link for Ada"). */
  label: string;
  /** Show a labelled button instead of an icon. */
  text?: string;
}

/** Copies a value to the clipboard and says so for a moment. */
export function CopyText({ value, label, text }: Props) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) =>
        text ? (
          <Button
            size="xs"
            variant="light"
            color={copied ? 'teal' : undefined}
            leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            onClick={copy}
            aria-label={label}
            style={{ flexShrink: 0 }}
          >
            {copied ? 'Copied' : text}
          </Button>
        ) : (
          <Tooltip label={copied ? 'Copied' : label} withArrow>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={label}>
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )
      }
    </CopyButton>
  );
}
