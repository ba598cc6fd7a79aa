/** Which chat messages the student has seen, kept per attempt on this device (a reload
 * does not bring back old messages as unread). */
import { parseTimestamp } from '../time';
import type { ChatMessage } from './api';

const key = (attemptId: string) => `procta-chat-seen:${attemptId}`;

export function readSeen(attemptId: string): number {
  try {
    return Number(localStorage.getItem(key(attemptId))) || 0;
  } catch {
    return 0;
  }
}

export function writeSeen(attemptId: string, at: number): void {
  try {
    localStorage.setItem(key(attemptId), String(at));
  } catch {
    // private mode: unread counts start over after a reload
  }
}

/** The newest message time in the thread (epoch ms), 0 when empty. */
export function latestAt(messages: ChatMessage[]): number {
  return messages.reduce((max, m) => Math.max(max, parseTimestamp(m.at) || 0), 0);
}

/** Messages from the proctor newer than what was seen. */
export function unreadCount(messages: ChatMessage[], seenAt: number): number {
  return messages.filter((m) => m.sender === 'proctor' && (parseTimestamp(m.at) || 0) > seenAt).length;
}
