import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { keys } from './queries';
import { backoffDelay, handleTeacherEvent } from './teacherSocket';

describe('teacher socket events', () => {
  it('invalidates members on member.* and invites on invite.*', () => {
    const qc = new QueryClient();
    const spy = vi.spyOn(qc, 'invalidateQueries');

    expect(handleTeacherEvent(qc, { type: 'member.joined', org_id: 'o1', data: {} })).toBe(true);
    expect(spy).toHaveBeenCalledWith({ queryKey: keys.members });
    expect(spy).toHaveBeenCalledWith({ queryKey: keys.invites });

    spy.mockClear();
    expect(handleTeacherEvent(qc, { type: 'invite.created', org_id: 'o1', data: {} })).toBe(true);
    expect(spy).toHaveBeenCalledWith({ queryKey: keys.invites });
    expect(spy).not.toHaveBeenCalledWith({ queryKey: keys.members });

    spy.mockClear();
    expect(handleTeacherEvent(qc, { type: 'attempt.updated' })).toBe(false);
    expect(spy).not.toHaveBeenCalled();
  });

  it('backs off exponentially up to 30 s', () => {
    expect(backoffDelay(0)).toBeLessThanOrEqual(1000);
    expect(backoffDelay(3)).toBeGreaterThanOrEqual(4000);
    expect(backoffDelay(20)).toBeLessThanOrEqual(30_000);
  });
});
