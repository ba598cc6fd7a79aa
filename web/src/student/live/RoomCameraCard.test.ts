import { describe, expect, it } from 'vitest';
import { parseLiveMessage } from './protocol';
import { MIN_SILENCE_MS, roomSilent } from './RoomCameraCard';

const seen = '2026-11-29T10:00:00Z';
const at = (ms: number) => new Date(seen).getTime() + ms;

describe('room camera', () => {
  it('is lost after three intervals (at least 30 s) without a picture', () => {
    const room = { required: true, paired: true, last_seen_at: seen };
    expect(roomSilent(room, 5, at(MIN_SILENCE_MS - 1))).toBe(false);
    expect(roomSilent(room, 5, at(MIN_SILENCE_MS + 1))).toBe(true);
    expect(roomSilent(room, 20, at(59_000))).toBe(false);
    expect(roomSilent(room, 20, at(61_000))).toBe(true);
  });

  it('is not lost before it ever sent a picture, nor when the exam has none', () => {
    expect(roomSilent({ required: true, paired: true, last_seen_at: null }, 5, at(3_600_000))).toBe(false);
    expect(roomSilent({ required: false, paired: false, last_seen_at: seen }, 5, at(3_600_000))).toBe(false);
    expect(roomSilent(null, 5, at(3_600_000))).toBe(false);
  });

  it('hears of each room picture over the socket', () => {
    expect(parseLiveMessage(JSON.stringify({ type: 'room', at: seen }))).toEqual({ type: 'room', at: seen });
  });
});
