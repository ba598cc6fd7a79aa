import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSpeakerphone } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { proctoringApi } from '../proctoring/api';

/** "Message everyone": one chat message to every student writing the exam. */
export function BroadcastButton({ examId, disabled }: { examId: string; disabled?: boolean }) {
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const send = useMutation({
    mutationFn: (body: string) => proctoringApi.broadcast(examId, body),
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Message sent to everyone writing this exam.' });
      setOpened(false);
    },
  });
  const open = () => {
    send.reset();
    setText('');
    setMissing(false);
    setOpened(true);
  };
  return (
    <>
      <Button variant="light" leftSection={<IconSpeakerphone size={16} />} onClick={open} disabled={disabled}>
        Message everyone
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Message everyone" centered>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const body = text.trim();
            if (!body) setMissing(true);
            else send.mutate(body);
          }}
        >
          <Stack>
            <Textarea
              label="Message"
              description="Every student writing this exam sees it in their chat at once."
              placeholder="Ten minutes left: check your answers."
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                if (e.currentTarget.value.trim()) setMissing(false);
              }}
              error={missing ? 'Write something first.' : undefined}
              required
              autosize
              minRows={3}
              maxLength={2000}
              data-autofocus
            />
            <ErrorAlert error={send.error} title="Message not sent" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)} disabled={send.isPending}>
                Cancel
              </Button>
              <Button type="submit" loading={send.isPending}>
                Send to everyone
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
