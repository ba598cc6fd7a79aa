import { describe, expect, it } from 'vitest';
import { mergeLoaded, upsertRow } from './liveData';
import { liveRow } from './testData';

describe('rows that crossed', () => {
  it('a streamed row never gives way to an older one', () => {
    const shown = [liveRow({ live_risk: 77, version: 5 })];
    expect(upsertRow(shown, liveRow({ live_risk: 10, version: 4 }))).toBe(shown);
    expect(upsertRow(shown, liveRow({ live_risk: 70, version: 5 }))?.[0].live_risk).toBe(70);
    expect(upsertRow(shown, liveRow({ live_risk: 90, version: 6 }))?.[0].live_risk).toBe(90);
  });

  it('a loaded table keeps rows that changed while it was read, and newcomers; drops rows it no longer lists', () => {
    const loaded = [liveRow({ live_risk: 10, version: 4 }), liveRow({ attempt_id: 'a2', live_risk: 20, version: 2 })];
    const shown = [
      liveRow({ attempt_id: 'a2', live_risk: 25, version: 3 }), // changed after the table was read
      liveRow({ attempt_id: 'gone', live_risk: 50, version: 9 }), // the server lists it no more
    ];
    const streamed = [
      liveRow({ live_risk: 77, version: 5 }), // changed after the table was read
      liveRow({ attempt_id: 'a2', live_risk: 99, version: 1 }), // older than the table
      liveRow({ attempt_id: 'a3', live_risk: 30, version: 1 }), // joined meanwhile
    ];
    const merged = mergeLoaded(loaded, shown, streamed);
    expect(merged.map((r) => [r.attempt_id, r.live_risk])).toEqual([
      ['a1', 77],
      ['a2', 25],
      ['a3', 30],
    ]);
  });
});
