/** How review states, severities and rules look on screen. */
import {
  IconApple,
  IconBan,
  IconBook,
  IconBottle,
  IconCalculator,
  IconCircleCheck,
  IconDeviceMobile,
  IconDeviceWatch,
  IconHeadphones,
  IconNotes,
  IconPencil,
  IconUsers,
  IconWorld,
  type Icon,
} from '@tabler/icons-react';
import type { Look } from '../results/format';

const REVIEW: Record<string, Look> = {
  pending: { label: 'Pending', color: 'blue' },
  approved: { label: 'Approved', color: 'green' },
  declined: { label: 'Declined', color: 'red' },
};

export function reviewLook(status: string): Look {
  return REVIEW[status] ?? { label: status, color: 'gray' };
}

const APPEAL: Record<string, Look> = {
  open: { label: 'Appeal open', color: 'orange' },
  upheld: { label: 'Appeal upheld', color: 'green' },
  rejected: { label: 'Appeal rejected', color: 'gray' },
};

export function appealLook(status: string): Look {
  return APPEAL[status] ?? { label: `Appeal ${status}`, color: 'gray' };
}

/** A marker's colour on the timeline: high red, medium orange, low grey. */
export function severityColor(severity: string): string {
  if (severity === 'high') return 'var(--mantine-color-red-6)';
  if (severity === 'medium') return 'var(--mantine-color-orange-5)';
  return 'var(--mantine-color-gray-6)';
}

const RULE_ICONS: [RegExp, Icon][] = [
  [/headphone|earphone|earbud|headset|airpod/i, IconHeadphones],
  [/phone|mobile|smartphone|cell/i, IconDeviceMobile],
  [/calculat/i, IconCalculator],
  [/watch|smartwatch/i, IconDeviceWatch],
  [/book|textbook/i, IconBook],
  [/note|paper|sheet|scratch|formula/i, IconNotes],
  [/pen\b|pencil|pens\b/i, IconPencil],
  [/person|people|someone|anyone|others|friend|help|talk|speak|communicat/i, IconUsers],
  [/internet|browser|web|search|google|online|website|tab\b|tabs|ai\b|chatgpt/i, IconWorld],
  [/water|drink|bottle/i, IconBottle],
  [/food|snack|eat/i, IconApple],
];

/** The icon for a rule's free text ("Calculator", "No phones"), or a generic one. */
export function ruleIcon(text: string, allowed: boolean): Icon {
  for (const [pattern, icon] of RULE_ICONS) if (pattern.test(text)) return icon;
  return allowed ? IconCircleCheck : IconBan;
}
