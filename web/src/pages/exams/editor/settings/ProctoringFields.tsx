import { NumberInput, Radio, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { Section } from '../../../../components/Page';
import { MODES } from '../../lib/labels';
import type { EffectiveFlag } from '../../types';
import { FlagTable } from './FlagTable';
import type { SettingsForm } from './form';

interface Props {
  form: SettingsForm;
  /** The flag types of an existing exam; empty for a new one. */
  flags: EffectiveFlag[];
}

export function ProctoringFields({ form, flags }: Props) {
  const recordReview = form.values.mode === 'record_review';
  return (
    <Section title="Proctoring" description="How attempts are watched, and what raises a flag.">
      <Stack gap="lg">
        <Radio.Group label="Proctoring mode" {...form.getInputProps('mode')}>
          <Stack gap="sm" mt="xs">
            {MODES.map((m) => (
              <Radio key={m.value} value={m.value} label={m.label} description={m.description} />
            ))}
          </Stack>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <Switch
            label="Room camera required"
            description="Students add a phone as a second camera that shows the room."
            {...form.getInputProps('room_camera_required', { type: 'checkbox' })}
          />
          <Switch
            label="Screen recording required"
            description={
              recordReview
                ? 'Always on in Record and review mode: the screen is recorded too.'
                : 'Students share their whole screen for the full exam.'
            }
            {...form.getInputProps('screen_recording_required', { type: 'checkbox' })}
            {...(recordReview ? { checked: true, disabled: true } : {})}
          />
          <Switch
            label="Record webcam and screen video"
            description={recordReview ? 'Always on in Record and review mode.' : 'Keeps the full videos of every attempt for review afterwards.'}
            {...form.getInputProps('record_video', { type: 'checkbox' })}
            {...(recordReview ? { checked: true, disabled: true } : {})}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label="Webcam snapshot every (seconds)"
            description="Also taken at every warning. 5 to 600."
            min={5}
            max={600}
            step={5}
            allowDecimal={false}
            {...form.getInputProps('snapshot_interval_s')}
          />
          <NumberInput
            label="Screen snapshot every (seconds)"
            description="When the screen is recorded. 5 to 600."
            min={5}
            max={600}
            step={5}
            allowDecimal={false}
            disabled={!form.values.screen_recording_required && !recordReview}
            {...form.getInputProps('screen_interval_s')}
          />
        </SimpleGrid>
        <div>
          <Title order={3} fz="md">
            Flag types
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Switch off what this exam should not watch for; a weight sets how much a flag lowers the integrity score.
          </Text>
          {flags.length ? (
            <FlagTable form={form} flags={flags} />
          ) : (
            <Text size="sm">Every flag type starts on with its default weight; you can tune them once the exam is created.</Text>
          )}
        </div>
      </Stack>
    </Section>
  );
}
