/**
 * Live monitoring, the student's side: what the proctor pushes (warnings, pause, end,
 * chat) and the three calls that go with it. Authenticated with the attempt token, like
 * the rest of the exam client (see ../api.ts).
 */
import type { components } from '../../api/schema';
import { studentRequest } from '../api';

type S = components['schemas'];
export type StudentLive = S['StudentLiveOut'];
export type ProctorWarning = S['WarningOut'];
export type ChatMessage = S['ChatMessage'];
export type RoomStatus = S['RoomStatus'];
export type RoomLink = S['RoomLinkOut'];

const enc = encodeURIComponent;

export const liveApi = {
  /** The truth after a (re)connect: status, clock, warnings not yet acknowledged, chat. */
  live: (attemptId: string, token: string, signal?: AbortSignal) =>
    studentRequest<StudentLive>('GET', `/exam-sessions/${enc(attemptId)}/live`, { token, signal }),
  /** The student clicked "I understand". */
  ack: (attemptId: string, token: string, warningId: string) =>
    studentRequest<void>('POST', `/exam-sessions/${enc(attemptId)}/warnings/${enc(warningId)}/ack`, { token }),
  /** A fresh one-time QR link that pairs a phone as the room camera. */
  roomLink: (attemptId: string, token: string) =>
    studentRequest<RoomLink>('POST', `/exam-sessions/${enc(attemptId)}/room-link`, { token }),
  /** A message to the proctor; 429 chat_rate_limited, 409 attempt_closed. */
  chat: (attemptId: string, token: string, text: string) =>
    studentRequest<ChatMessage>('POST', `/exam-sessions/${enc(attemptId)}/chat`, { token, body: { text } }),
};
