import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProctoringSetup } from '../../api/types';
import { renderWithProviders } from '../../test/utils';
import { ConsentStep } from './SetupSteps';

function makeSetup(overrides: Partial<ProctoringSetup> = {}): ProctoringSetup {
  return {
    mode: 'auto',
    camera: true,
    microphone: true,
    screen: false,
    room_camera: false,
    snapshot_interval_s: 10,
    screen_interval_s: 30,
    enabled_flags: [],
    record_webcam: true,
    record_screen: false,
    retention_days: 30,
    screenshot_retention_days: 7,
    recorded: ['Your webcam, as video and as snapshots', 'Short audio clips when there is speech'],
    consent_given: false,
    identity_done: false,
    cal_status: '',
    ...overrides,
  };
}

function sentence(setup: ProctoringSetup) {
  renderWithProviders(<ConsentStep setup={setup} attemptId="att1" token="at_x" onDone={() => undefined} />);
  return screen.getByText(/Your teacher and the school's proctors review these recordings/).textContent;
}

describe('ConsentStep', () => {
  it('says how long snapshots and the rest are kept', () => {
    expect(sentence(makeSetup())).toContain(
      'Snapshots are kept for 7 days and recordings, audio clips and ID photos for 30 days after the exam, then deleted.',
    );
  });

  it('names no recordings when nothing is recorded as video', () => {
    expect(sentence(makeSetup({ record_webcam: false, screenshot_retention_days: 1 }))).toContain(
      'Snapshots are kept for 1 day and audio clips and ID photos for 30 days after the exam, then deleted.',
    );
  });

  it('counts a screen recording as a recording', () => {
    expect(sentence(makeSetup({ record_webcam: false, record_screen: true }))).toContain(
      'and recordings, audio clips and ID photos for 30 days',
    );
  });

  it('gives one period when both are the same', () => {
    expect(sentence(makeSetup({ screenshot_retention_days: 30 }))).toContain(
      'Snapshots, recordings, audio clips and ID photos are kept for 30 days after the exam, then deleted.',
    );
  });
});
