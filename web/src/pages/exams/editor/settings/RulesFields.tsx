import { SimpleGrid, Stack, Switch } from '@mantine/core';
import { Section } from '../../../../components/Page';
import type { SettingsForm } from './form';
import { RulesEditor } from './RulesEditor';

export function RulesFields({ form }: { form: SettingsForm }) {
  return (
    <Section title="Rules and order" description="Students read and accept the rules before they start.">
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <RulesEditor
            label="Allowed"
            description="What students may use or do."
            placeholder="e.g. A basic calculator"
            value={form.values.rules_allowed}
            onChange={(rules) => form.setFieldValue('rules_allowed', rules)}
            error={form.errors.rules_allowed as string | undefined}
          />
          <RulesEditor
            label="Prohibited"
            description="What is not allowed during the exam."
            placeholder="e.g. Phones or other people in the room"
            value={form.values.rules_prohibited}
            onChange={(rules) => form.setFieldValue('rules_prohibited', rules)}
            error={form.errors.rules_prohibited as string | undefined}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Switch
            label="Shuffle questions"
            description="Each student gets the questions in their own order."
            {...form.getInputProps('shuffle_questions', { type: 'checkbox' })}
          />
          <Switch
            label="Shuffle answer options"
            description="Choices within a question appear in a different order per student."
            {...form.getInputProps('shuffle_options', { type: 'checkbox' })}
          />
        </SimpleGrid>
      </Stack>
    </Section>
  );
}
