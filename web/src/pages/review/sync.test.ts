import { describe, expect, it } from 'vitest';
import {
  drifted,
  formatTimecode,
  inGap,
  markers,
  parseTimecode,
  secondsSince,
  span,
  timelineGaps,
  timelineLength,
  timelineToIso,
  timelineToVideo,
  toTrack,
  videoToTimeline,
} from './sync';

const webcam = toTrack({ offset_s: 0, duration_s: 600, gaps: [{ start_s: 200, end_s: 260 }] });
const screen = toTrack({ offset_s: 5, duration_s: 640, gaps: [] });

describe('the review timeline', () => {
  it('maps timeline seconds to each video and back, with its offset', () => {
    expect(timelineToVideo(webcam, 300)).toBe(300);
    expect(timelineToVideo(screen, 300)).toBe(295);
    expect(videoToTimeline(screen, 295)).toBe(300);
    expect(timelineToVideo(screen, 2)).toBeNull(); // before the screen recording starts
    expect(timelineToVideo(webcam, 601)).toBeNull(); // after the webcam one ends
    expect(timelineToVideo(screen, 645)).toBe(640);
  });

  it('spans until the last recording ends', () => {
    expect(timelineLength([webcam, screen])).toBe(645);
    expect(timelineLength([])).toBe(0);
  });

  it('finds gaps, in video time and on the timeline', () => {
    expect(inGap(webcam, 199)).toBeNull();
    expect(inGap(webcam, 200)).toEqual({ start_s: 200, end_s: 260 });
    expect(inGap(webcam, 259.9)).not.toBeNull();
    expect(inGap(webcam, 260)).toBeNull();
    expect(inGap(webcam, 199.8, 0.25)).not.toBeNull();
    expect(timelineGaps(toTrack({ offset_s: 10, duration_s: 100, gaps: [{ start_s: 20, end_s: 30 }] }))).toEqual([
      { start_s: 30, end_s: 40 },
    ]);
  });

  it('reads the server’s loose gap objects, dropping empty ones and sorting', () => {
    const t = toTrack({ offset_s: 0, duration_s: 50, gaps: [{ start_s: 30, end_s: 40 }, { start_s: 10, end_s: 10 }, { start_s: 1, end_s: 2 }] });
    expect(t.gaps).toEqual([
      { start_s: 1, end_s: 2 },
      { start_s: 30, end_s: 40 },
    ]);
  });

  it('places flags and converts times both ways', () => {
    const zero = '2026-03-01T09:00:00Z';
    expect(secondsSince(zero, '2026-03-01T09:05:00Z')).toBe(300);
    expect(timelineToIso(zero, 300.25)).toBe('2026-03-01T09:05:00.250Z');
    const m = markers(
      [
        { id: 'b', label: 'Late', severity: 'low', started_at: '2026-03-01T10:00:00Z' },
        { id: 'a', label: 'Tab switch', severity: 'medium', started_at: '2026-03-01T09:05:00Z' },
      ],
      zero,
      600,
    );
    expect(m.map((x) => [x.id, x.at, x.left])).toEqual([
      ['a', 300, 50],
      ['b', 3600, 100],
    ]);
    expect(span(150, 300, 600)).toEqual({ left: 25, width: 25 });
  });

  it('says when a video drifted more than 0.3 s', () => {
    expect(drifted(10.2, 10)).toBe(false);
    expect(drifted(10.4, 10)).toBe(true);
    expect(drifted(9.5, 10)).toBe(true);
  });

  it('writes and reads time codes', () => {
    expect(formatTimecode(0)).toBe('00:00');
    expect(formatTimecode(65.9)).toBe('01:05');
    expect(formatTimecode(3723)).toBe('1:02:03');
    expect(formatTimecode(-5)).toBe('−00:05');
    expect(parseTimecode('05:00')).toBe(300);
    expect(parseTimecode('1:02:03')).toBe(3723);
    expect(parseTimecode('42')).toBe(42);
    expect(parseTimecode('1:75')).toBeNull();
    expect(parseTimecode('abc')).toBeNull();
  });
});
