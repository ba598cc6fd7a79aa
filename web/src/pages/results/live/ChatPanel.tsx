import { Badge, Box, Button, Group, Paper, ScrollArea, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { LiveChatMessage } from '../../../api/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatClock } from '../format';
import { proctoringApi, proctoringKeys } from '../proctoring/api';
import classes from './Live.module.css';
import { appendChat } from './liveData';

interface Props {
  attemptId: string;
  name: string;
  /** The attempt is still being written (chat closes when it ends). */
  active: boolean;
  height?: number | string;
}

function Bubble({ m }: { m: LiveChatMessage }) {
  const mine = m.sender === 'proctor';
  return (
    <Stack gap={2} align={mine ? 'flex-end' : 'flex-start'} component="li">
      <Text size="xs" c="dimmed">
        {m.broadcast ? `${m.name} to everyone` : m.name} · {formatClock(m.at)}
      </Text>
      <Paper
        px="sm"
        py={6}
        radius="md"
        maw="85%"
        bg={mine ? (m.broadcast ? 'violet.0' : 'blue.0') : 'gray.1'}
        className={classes.bubble}
      >
        {m.broadcast && (
          <Badge size="xs" variant="light" color="violet" mb={2}>
            Everyone
          </Badge>
        )}
        <Text size="sm">{m.text}</Text>
      </Paper>
    </Stack>
  );
}

/** A two-way chat with one student: history, then messages as they arrive; Enter sends. */
export function ChatPanel({ attemptId, name, active, height = 360 }: Props) {
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const viewport = useRef<HTMLDivElement>(null);
  const chat = useQuery({ queryKey: proctoringKeys.chat(attemptId), queryFn: () => proctoringApi.chat(attemptId) });
  const send = useMutation({
    mutationFn: (body: string) => proctoringApi.sendChat(attemptId, body),
    onSuccess: (message) => {
      qc.setQueryData<LiveChatMessage[]>(proctoringKeys.chat(attemptId), (old) => appendChat(old ?? [], message));
      setText('');
    },
  });
  const count = chat.data?.length ?? 0;
  useEffect(() => {
    const el = viewport.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count]);

  const submit = () => {
    const body = text.trim();
    if (body && !send.isPending) send.mutate(body);
  };

  return (
    <Stack gap="sm">
      <ScrollArea h={height} viewportRef={viewport} type="auto" offsetScrollbars>
        {chat.error ? (
          <ErrorAlert error={chat.error} title="Could not load the chat" />
        ) : !chat.data ? (
          <Stack gap="sm" aria-hidden>
            <Skeleton h={32} w="60%" />
            <Skeleton h={32} w="50%" ml="auto" />
          </Stack>
        ) : chat.data.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" pt="xl">
            {active ? `No messages yet. Write to ${name} below; they see it at once.` : 'This attempt is over, so its chat is closed.'}
          </Text>
        ) : (
          <Stack component="ol" gap="xs" aria-label={`Chat with ${name}`} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {chat.data.map((m) => (
              <Bubble key={m.id} m={m} />
            ))}
          </Stack>
        )}
      </ScrollArea>
      <ErrorAlert error={send.error} title="Message not sent" />
      <Box
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Group align="flex-start" gap="xs" wrap="nowrap">
          <Textarea
            aria-label={`Message to ${name}`}
            placeholder={active ? `Message ${name}…` : 'Chat is closed'}
            description={active ? 'Enter sends; Shift+Enter adds a line.' : undefined}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              }
            }}
            disabled={!active}
            autosize
            minRows={1}
            maxRows={5}
            maxLength={2000}
            style={{ flex: 1 }}
          />
          <Button type="submit" leftSection={<IconSend size={14} />} disabled={!active || !text.trim()} loading={send.isPending}>
            Send
          </Button>
        </Group>
      </Box>
    </Stack>
  );
}
