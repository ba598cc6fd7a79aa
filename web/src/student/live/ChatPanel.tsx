import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Badge, Button, Drawer, Group, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconMessageCircle, IconSend } from '@tabler/icons-react';
import { ApiError, errorMessage } from '../../api/client';
import { formatTime } from '../time';
import type { ChatMessage } from './api';
import { latestAt, readSeen, unreadCount, writeSeen } from './chatSeen';

const MAX_LENGTH = 2000;

interface Props {
  attemptId: string;
  messages: ChatMessage[];
  onSend: (text: string) => Promise<unknown>;
}

export function chatError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 429) return 'You are sending messages too quickly. Wait a few seconds, then send it again.';
    if (err.status === 409) return 'The exam is over, so the chat is closed.';
    if (err.status === 0) return 'Not sent: the server cannot be reached. Check your connection and send it again.';
  }
  return `Not sent: ${errorMessage(err)}`;
}

/** "Chat with proctor": a floating button with the unread count, opening the thread. */
export function ChatPanel({ attemptId, messages, onSend }: Props) {
  const [opened, setOpened] = useState(false);
  const [seenAt, setSeenAt] = useState(() => readSeen(attemptId));
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [sending, setSending] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const phone = useMediaQuery('(max-width: 48em)');

  const newest = latestAt(messages);
  const unread = opened ? 0 : unreadCount(messages, seenAt);

  // Open: everything in the thread is read, and the newest message is in view.
  useEffect(() => {
    if (!opened) return;
    if (newest > seenAt) {
      setSeenAt(newest);
      writeSeen(attemptId, newest);
    }
  }, [opened, newest, seenAt, attemptId]);

  // Keep the newest message in view (a new one, or the error line taking room below).
  useEffect(() => {
    if (!opened) return;
    const frame = requestAnimationFrame(() => {
      const list = listRef.current;
      if (list) list.scrollTop = list.scrollHeight;
    });
    return () => cancelAnimationFrame(frame);
  }, [opened, messages.length, error]);

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    setError('');
    try {
      await onSend(body);
      setText('');
    } catch (err) {
      setError(chatError(err));
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <>
      <Button
        className="live-chat-fab"
        radius="xl"
        size="md"
        leftSection={<IconMessageCircle size={20} />}
        rightSection={
          unread > 0 ? (
            <Badge color="red" size="md" circle aria-hidden>
              {unread > 9 ? '9+' : unread}
            </Badge>
          ) : undefined
        }
        onClick={() => setOpened(true)}
        aria-label={unread > 0 ? `Chat with proctor, ${unread} unread` : 'Chat with proctor'}
        aria-haspopup="dialog"
      >
        Chat with proctor
      </Button>
      <div className="exam-visually-hidden" aria-live="polite">
        {unread > 0 ? `${unread} unread ${unread === 1 ? 'message' : 'messages'} from your proctor` : ''}
      </div>

      <Drawer
        opened={opened}
        onClose={() => setOpened(false)}
        position="right"
        size={phone ? '100%' : 420}
        zIndex={300}
        title={<Text fw={700}>Chat with your proctor</Text>}
        classNames={{ content: 'live-chat-drawer', body: 'live-chat-body' }}
      >
        {messages.length === 0 ? (
          <Text size="sm" c="dimmed" className="live-chat-empty">
            No messages yet. If you need help, write to the proctor watching this exam.
          </Text>
        ) : (
          <ol className="live-chat-list" ref={listRef} aria-label="Messages" aria-live="polite" aria-relevant="additions">
            {messages.map((m) => (
              <li key={m.id} className="live-chat-msg" data-mine={m.sender === 'student' || undefined}>
                <Group gap={6} className="live-chat-meta" wrap="wrap">
                  <span>{m.sender === 'student' ? 'You' : m.name || 'Proctor'}</span>
                  <time dateTime={m.at}>{formatTime(m.at)}</time>
                  {m.broadcast && (
                    <Badge size="xs" variant="light" color="grape">
                      To everyone
                    </Badge>
                  )}
                </Group>
                <div className="live-chat-bubble">{m.text}</div>
              </li>
            ))}
          </ol>
        )}
        <form onSubmit={(e) => void send(e)} className="live-chat-form">
          <Textarea
            aria-label="Message to the proctor"
            placeholder="Write to the proctor…"
            autosize
            minRows={2}
            maxRows={5}
            maxLength={MAX_LENGTH}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'live-chat-error' : undefined}
            data-autofocus
          />
          {error && (
            <Text id="live-chat-error" role="alert" size="sm" c="red.8" mt={6}>
              {error}
            </Text>
          )}
          <Group justify="space-between" mt="xs" gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed">
              Enter to send, Shift+Enter for a new line
            </Text>
            <Button type="submit" size="sm" leftSection={<IconSend size={16} />} loading={sending} disabled={!text.trim()}>
              Send
            </Button>
          </Group>
        </form>
      </Drawer>
    </>
  );
}
