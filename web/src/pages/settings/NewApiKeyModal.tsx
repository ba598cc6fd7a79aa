import { Alert, Button, CopyButton, Group, Modal, Stack, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import type { ApiKeyCreated } from '../../api/types';

/** Shows a freshly created key once, with a copy button. */
export function NewApiKeyModal({ apiKey, onClose }: { apiKey: ApiKeyCreated | null; onClose: () => void }) {
  return (
    <Modal
      opened={!!apiKey}
      onClose={onClose}
      title="API key created"
      centered
      size="lg"
      closeOnClickOutside={false}
    >
      {apiKey && (
        <Stack>
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Copy this key now">
            This is the only time the full key is shown. Store it somewhere safe; if you lose it, revoke it and create a
            new one.
          </Alert>
          <Textarea
            label="New API key"
            description={`Name: ${apiKey.name}`}
            value={apiKey.key}
            readOnly
            autosize
            minRows={1}
            spellCheck={false}
            onFocus={(e) => e.currentTarget.select()}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' } }}
          />
          <Group justify="flex-end">
            <CopyButton value={apiKey.key}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
                  {copied ? 'Copied' : 'Copy key'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>I have saved it</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
