import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';

/** The actions that need words: a warning's text, an end's reason, a note. */
export type WrittenAction = 'warn' | 'end' | 'note';

const COPY: Record<WrittenAction, { title: (name: string) => string; label: string; description: string; placeholder: string; submit: string; color: string }> = {
  warn: {
    title: (name) => `Warn ${name}`,
    label: 'Message to the student',
    description: 'Shown on the student’s screen until they click “I understand”. A warning also counts as a flag.',
    placeholder: 'Please keep your eyes on your own screen.',
    submit: 'Send warning',
    color: 'orange',
  },
  end: {
    title: (name) => `End ${name}’s attempt`,
    label: 'Reason',
    description: 'The student sees this reason. The attempt is submitted with the answers saved so far and cannot be resumed.',
    placeholder: 'A second person was helping you.',
    submit: 'End attempt…',
    color: 'red',
  },
  note: {
    title: (name) => `Note on ${name}`,
    label: 'Note',
    description: 'Notes go on the attempt’s timeline for proctors and reviewers; the student does not see them.',
    placeholder: 'Student said the noise was a neighbour’s radio.',
    submit: 'Add note',
    color: 'blue',
  },
};

interface Props {
  action: WrittenAction | null;
  name: string;
  onSubmit: (message: string) => void;
  onClose: () => void;
  loading: boolean;
  error: unknown;
}

/** Asks for the text a warning, an end or a note needs (required); ending also asks to confirm. */
export function ActionModal({ action, name, onSubmit, onClose, loading, error }: Props) {
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (action) {
      setText('');
      setMissing(false);
      setConfirming(false);
    }
  }, [action]);
  const copy = action ? COPY[action] : COPY.note;
  const message = text.trim();

  const submit = () => {
    if (!message) {
      setMissing(true);
      return;
    }
    if (action === 'end' && !confirming) {
      setConfirming(true);
      return;
    }
    onSubmit(message);
  };

  return (
    <Modal
      opened={!!action}
      onClose={onClose}
      title={copy.title(name)}
      centered
      // Mantine closes every open modal and drawer on Escape from window listeners, so one
      // key press would also close the triage panel beneath. Close this one from its own
      // key handler instead: it runs after the panel's listener has ignored the key.
      closeOnEscape={false}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack>
          {confirming ? (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="End this attempt now?">
              <Text size="sm">
                {name}’s exam stops at once and is submitted as it stands. They will read: “{message}”. This cannot be undone.
              </Text>
            </Alert>
          ) : (
            <Textarea
              label={copy.label}
              description={copy.description}
              placeholder={copy.placeholder}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                if (e.currentTarget.value.trim()) setMissing(false);
              }}
              error={missing ? (action === 'end' ? 'Give a reason.' : 'Write something first.') : undefined}
              required
              autosize
              minRows={3}
              maxRows={8}
              maxLength={2000}
              data-autofocus
            />
          )}
          <ErrorAlert error={error} title="Could not do that" />
          <Group justify="flex-end">
            <Button variant="default" onClick={confirming ? () => setConfirming(false) : onClose} disabled={loading}>
              {confirming ? 'Back' : 'Cancel'}
            </Button>
            <Button type="submit" color={copy.color} loading={loading}>
              {confirming ? 'Yes, end the attempt' : copy.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
