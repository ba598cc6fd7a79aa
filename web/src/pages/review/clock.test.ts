import { describe, expect, it } from 'vitest';
import { SyncClock, type MediaLike } from './clock';
import { toTrack } from './sync';

class FakeVideo implements MediaLike {
  currentTime = 0;
  paused = true;
  ended = false;
  readyState = 4;
  playbackRate = 1;
  plays = 0;
  play() {
    this.paused = false;
    this.plays += 1;
    return Promise.resolve();
  }
  pause() {
    this.paused = true;
  }
}

function setup() {
  let now = 0;
  const clock = new SyncClock(645, () => now);
  const cam = new FakeVideo();
  const scr = new FakeVideo();
  clock.attach('webcam', cam, toTrack({ offset_s: 0, duration_s: 600, gaps: [{ start_s: 200, end_s: 260 }] }));
  clock.attach('screen', scr, toTrack({ offset_s: 5, duration_s: 640, gaps: [] }));
  return { clock, cam, scr, advance: (ms: number) => (now += ms) };
}

describe('SyncClock', () => {
  it('seeks both videos to the same moment, each with its offset', () => {
    const { clock, cam, scr } = setup();
    clock.seek(300);
    expect(cam.currentTime).toBe(300);
    expect(scr.currentTime).toBe(295);
    expect(clock.state('webcam')).toBe('video');
  });

  it('plays and pauses them together and sets the speed on both', () => {
    const { clock, cam, scr } = setup();
    clock.seek(100);
    clock.play();
    expect(cam.paused).toBe(false);
    expect(scr.paused).toBe(false);
    clock.setRate(3);
    expect(cam.playbackRate).toBe(3);
    expect(scr.playbackRate).toBe(3);
    clock.pause();
    expect(cam.paused).toBe(true);
    expect(scr.paused).toBe(true);
  });

  it('follows the leading video and pulls a drifting one back', () => {
    const { clock, cam, scr, advance } = setup();
    clock.seek(100);
    clock.play();
    cam.currentTime = 101;
    scr.currentTime = 95.2; // timeline 100.2: 0.8 s behind
    advance(1000);
    clock.tick();
    expect(clock.time()).toBeCloseTo(101);
    expect(scr.currentTime).toBeCloseTo(96);
    // Within 0.3 s: left alone.
    cam.currentTime = 102;
    scr.currentTime = 96.8;
    advance(600);
    clock.tick();
    expect(scr.currentTime).toBeCloseTo(96.8);
  });

  it('holds a video before its start and inside a gap, and runs on when none shows anything', () => {
    const { clock, cam, scr, advance } = setup();
    clock.seek(2);
    expect(clock.state('screen')).toBe('out');
    clock.seek(230);
    expect(clock.state('webcam')).toBe('gap');
    expect(cam.currentTime).toBe(260); // waits on the first frame after the gap
    clock.play();
    expect(cam.paused).toBe(true);
    expect(scr.paused).toBe(false);
    scr.readyState = 0; // the screen buffers: nobody leads, the wall clock does
    advance(2000);
    clock.tick();
    expect(clock.time()).toBeCloseTo(232);
  });

  it('follows a seek made on one video by someone else', () => {
    const { clock, cam, scr } = setup();
    scr.currentTime = 395;
    clock.onSeeking('screen');
    expect(clock.time()).toBe(400);
    expect(cam.currentTime).toBe(400);
    // Its own seeks are not echoed.
    clock.onSeeking('webcam');
    expect(clock.time()).toBe(400);
  });

  it('stops at the end of the timeline', () => {
    const { clock, advance, scr } = setup();
    clock.seek(640);
    clock.play();
    scr.readyState = 0;
    advance(10_000);
    clock.tick();
    expect(clock.playing).toBe(false);
    expect(clock.time()).toBe(645);
  });
});
