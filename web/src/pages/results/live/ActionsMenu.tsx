import { ActionIcon, Badge, Button, Group, Indicator, Menu } from '@mantine/core';
import { IconAlertTriangle, IconDotsVertical, IconMessage, IconNote, IconPlayerPause, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import type { WrittenAction } from './ActionModal';
import { isActive } from './liveData';
import type { ActionTarget } from './useLiveActions';

interface Props {
  target: ActionTarget;
  onAsk: (action: WrittenAction, target: ActionTarget) => void;
  onRun: (action: 'pause' | 'resume', target: ActionTarget) => void;
  /** An action for this attempt is being saved. */
  pending: boolean;
}

/** The row's menu: Warn…, Pause / Resume, End…, Note…, Chat (with the unread count). */
export function ActionsMenu({ target, onAsk, onRun, pending, unread, onChat }: Props & { unread: number; onChat: () => void }) {
  const active = isActive(target.status);
  const paused = target.status === 'paused';
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={180}>
      <Menu.Target>
        <Indicator disabled={!unread} label={unread} size={16} color="red" offset={4} zIndex={1}>
          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${target.name}${unread ? ` (${unread} unread)` : ''}`} loading={pending}>
            <IconDotsVertical size={18} />
          </ActionIcon>
        </Indicator>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconAlertTriangle size={16} />} disabled={!active} onClick={() => onAsk('warn', target)}>
          Warn…
        </Menu.Item>
        {paused ? (
          <Menu.Item leftSection={<IconPlayerPlay size={16} />} onClick={() => onRun('resume', target)}>
            Resume
          </Menu.Item>
        ) : (
          <Menu.Item leftSection={<IconPlayerPause size={16} />} disabled={!active} onClick={() => onRun('pause', target)}>
            Pause
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconPlayerStop size={16} />} color="red" disabled={!active} onClick={() => onAsk('end', target)}>
          End…
        </Menu.Item>
        <Menu.Item leftSection={<IconNote size={16} />} onClick={() => onAsk('note', target)}>
          Note…
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconMessage size={16} />}
          rightSection={unread ? <Badge size="xs" color="red" circle>{unread}</Badge> : undefined}
          onClick={onChat}
        >
          Chat
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The same actions as buttons, for the triage panel. */
export function ActionButtons({ target, onAsk, onRun, pending }: Props) {
  const active = isActive(target.status);
  const paused = target.status === 'paused';
  return (
    <Group gap="xs">
      <Button size="xs" variant="light" color="orange" leftSection={<IconAlertTriangle size={14} />} disabled={!active} onClick={() => onAsk('warn', target)}>
        Warn
      </Button>
      <Button
        size="xs"
        variant="light"
        leftSection={paused ? <IconPlayerPlay size={14} /> : <IconPlayerPause size={14} />}
        disabled={!active}
        loading={pending}
        onClick={() => onRun(paused ? 'resume' : 'pause', target)}
      >
        {paused ? 'Resume' : 'Pause'}
      </Button>
      <Button size="xs" variant="light" color="red" leftSection={<IconPlayerStop size={14} />} disabled={!active} onClick={() => onAsk('end', target)}>
        End
      </Button>
      <Button size="xs" variant="default" leftSection={<IconNote size={14} />} onClick={() => onAsk('note', target)}>
        Note
      </Button>
    </Group>
  );
}
