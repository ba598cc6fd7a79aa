import { describe, expect, it } from 'vitest';
import {
  calibrationVerdict,
  lightingAdvice,
  meanLuma,
  NoiseWatch,
  noiseThreshold,
  poseFromLandmarks,
  rmsDb,
  type CalSamples,
} from './calibration';

const samples = (over: Partial<CalSamples> = {}): CalSamples => ({
  brightness: Array(20).fill(120),
  faceSizes: [],
  faceChecks: 0,
  poses: [],
  levelsDb: Array(20).fill(-62),
  ...over,
});

describe('measures', () => {
  it('takes the mean luma of RGBA pixels', () => {
    expect(meanLuma([255, 255, 255, 255, 0, 0, 0, 255])).toBeCloseTo(127.5);
    expect(meanLuma([])).toBe(0);
  });

  it('gives RMS in dBFS, clamped', () => {
    expect(rmsDb(new Float32Array(1024).fill(1))).toBeCloseTo(0);
    expect(rmsDb(new Float32Array(1024).fill(0.1))).toBeCloseTo(-20);
    expect(rmsDb(new Float32Array(1024))).toBe(-120);
  });
});

describe('calibrationVerdict', () => {
  it('is ok in a lit, quiet room, with the baseline rounded for the server', () => {
    const v = calibrationVerdict(samples({ faceChecks: 10, faceSizes: Array(10).fill(0.31234), poses: [{ yaw: 2.04, pitch: -3, roll: 1 }] }));
    expect(v.status).toBe('ok');
    expect(v.reason).toBe('');
    expect(v.baseline).toEqual({ yaw: 2, pitch: -3, roll: 1, face_size: 0.312, brightness: 120, noise_floor_db: -62, samples: 20 });
  });

  it('says the face is too dark', () => {
    const v = calibrationVerdict(samples({ brightness: Array(20).fill(35) }));
    expect(v.status).toBe('poor');
    expect(v.reasons).toEqual(['dark']);
    expect(v.reason).toBe('Your face is too dark — add light in front of you.');
  });

  it('says the face is too small, or not seen, where the browser can detect faces', () => {
    expect(calibrationVerdict(samples({ faceChecks: 10, faceSizes: Array(10).fill(0.08) })).reasons).toEqual(['small']);
    expect(calibrationVerdict(samples({ faceChecks: 10, faceSizes: [0.3] })).reasons).toEqual(['no_face']);
    // No FaceDetector: face size and pose are left empty, not held against the student.
    const v = calibrationVerdict(samples());
    expect(v.status).toBe('ok');
    expect(v.baseline).toMatchObject({ face_size: null, yaw: null, pitch: null, roll: null });
  });

  it('says the room is noisy from its floor, not from one loud moment', () => {
    expect(calibrationVerdict(samples({ levelsDb: Array(20).fill(-25) })).reasons).toEqual(['noisy']);
    expect(calibrationVerdict(samples({ levelsDb: [...Array(18).fill(-60), -10, -12] })).status).toBe('ok');
  });

  it('lists every problem, and no camera picture at all', () => {
    const v = calibrationVerdict(samples({ brightness: [], levelsDb: Array(5).fill(-20) }));
    expect(v.reasons).toEqual(['no_video', 'noisy']);
    expect(v.baseline.brightness).toBeNull();
  });
});

describe('lightingAdvice', () => {
  it('speaks up only when the light is wrong', () => {
    expect(lightingAdvice(30)?.message).toMatch(/too dark/);
    expect(lightingAdvice(240)?.message).toMatch(/too bright/);
    expect(lightingAdvice(128)).toBeNull();
    expect(lightingAdvice(null)).toBeNull();
  });
});

describe('poseFromLandmarks', () => {
  it('reads roll from the eyes and yaw from the nose', () => {
    const frontal = poseFromLandmarks([
      { type: 'eye', locations: [{ x: 100, y: 100 }] },
      { type: 'eye', locations: [{ x: 160, y: 100 }] },
      { type: 'nose', locations: [{ x: 130, y: 136 }] },
    ]);
    expect(frontal?.roll).toBeCloseTo(0);
    expect(frontal?.yaw).toBeCloseTo(0);
    expect(frontal?.pitch).toBeCloseTo(0);
    const turned = poseFromLandmarks([
      { type: 'eye', locations: [{ x: 100, y: 100 }] },
      { type: 'eye', locations: [{ x: 160, y: 110 }] },
      { type: 'nose', locations: [{ x: 150, y: 140 }] },
    ]);
    expect(turned!.roll).toBeGreaterThan(5);
    expect(turned!.yaw).toBeGreaterThan(20);
    expect(poseFromLandmarks([{ type: 'eye', locations: [{ x: 1, y: 1 }] }])).toBeNull();
  });
});

describe('NoiseWatch', () => {
  it('starts after the level stays above the threshold, ends after it stays below', () => {
    const w = new NoiseWatch(noiseThreshold(-60), 3000, 4000);
    expect(w.threshold).toBe(-45);
    const feed = (db: number, from: number, to: number) => {
      const out: [number, string][] = [];
      for (let t = from; t <= to; t += 250) {
        const r = w.feed(db, t);
        if (r) out.push([t, r]);
      }
      return out;
    };
    expect(feed(-30, 0, 2000)).toEqual([]); // a short burst is no flag
    expect(feed(-70, 2250, 2500)).toEqual([]);
    expect(feed(-30, 2750, 7000)).toEqual([[5750, 'start']]);
    expect(feed(-70, 7250, 12000)).toEqual([[11250, 'end']]);
  });

  it('puts the threshold above a loud floor, and never below -45 dBFS', () => {
    expect(noiseThreshold(-40)).toBe(-25);
    expect(noiseThreshold(null)).toBe(-45);
  });
});
