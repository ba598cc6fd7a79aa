import { IconBan, IconCalculator, IconCircleCheck, IconDeviceMobile, IconHeadphones, IconUsers, IconWorld } from '@tabler/icons-react';
import { describe, expect, it } from 'vitest';
import { ruleIcon } from './look';

describe('rule icons', () => {
  it('maps common words to icons and falls back to a generic one', () => {
    expect(ruleIcon('Mobile phone', false)).toBe(IconDeviceMobile);
    expect(ruleIcon('Headphones', false)).toBe(IconHeadphones);
    expect(ruleIcon('Scientific calculator', true)).toBe(IconCalculator);
    expect(ruleIcon('Talking to other people', false)).toBe(IconUsers);
    expect(ruleIcon('Internet browsing', false)).toBe(IconWorld);
    expect(ruleIcon('Other websites', false)).toBe(IconWorld);
    expect(ruleIcon('Other people', false)).toBe(IconUsers);
    expect(ruleIcon('Dancing', false)).toBe(IconBan);
    expect(ruleIcon('Dancing', true)).toBe(IconCircleCheck);
  });
});
