import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { renderWithProviders } from '../../test/utils';
import type { ChatMessage } from './api';
import { ChatPanel } from './ChatPanel';
import { stubDocumentFonts } from './testing';

stubDocumentFonts();

const message = (id: string, over: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  at: new Date().toISOString(),
  sender: 'proctor',
  name: 'Ms Proctor',
  text: `text ${id}`,
  broadcast: false,
  ...over,
});

describe('ChatPanel', () => {
  it('sends a message and shows why one was not sent', async () => {
    localStorage.clear();
    const onSend = vi
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(new ApiError(429, 'chat_rate_limited', 'Too many messages'))
      .mockRejectedValueOnce(new ApiError(409, 'attempt_closed', 'Closed'));
    renderWithProviders(<ChatPanel attemptId="a1" messages={[message('m1', { sender: 'student' })]} onSend={onSend} />);
    // The student's own messages are never unread.
    await userEvent.click(screen.getByRole('button', { name: 'Chat with proctor' }));
    const drawer = await screen.findByRole('dialog', { name: 'Chat with your proctor' });
    expect(within(drawer).getByText('You')).toBeInTheDocument();

    const box = within(drawer).getByRole('textbox', { name: 'Message to the proctor' });
    await userEvent.type(box, 'May I use a calculator?{Enter}');
    expect(onSend).toHaveBeenLastCalledWith('May I use a calculator?');
    expect(box).toHaveValue('');

    await userEvent.type(box, 'Hello?');
    await userEvent.click(within(drawer).getByRole('button', { name: 'Send' }));
    expect(await within(drawer).findByText(/sending messages too quickly/)).toBeInTheDocument();
    expect(box).toHaveValue('Hello?'); // kept, to send again

    await userEvent.click(within(drawer).getByRole('button', { name: 'Send' }));
    expect(await within(drawer).findByText('The exam is over, so the chat is closed.')).toBeInTheDocument();
  });

  it('remembers what was read on this device', async () => {
    localStorage.clear();
    const messages = [message('m1'), message('m2')];
    const first = renderWithProviders(<ChatPanel attemptId="a2" messages={messages} onSend={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Chat with proctor, 2 unread' }));
    first.unmount();
    renderWithProviders(<ChatPanel attemptId="a2" messages={messages} onSend={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Chat with proctor' })).toBeInTheDocument();
  });
});
