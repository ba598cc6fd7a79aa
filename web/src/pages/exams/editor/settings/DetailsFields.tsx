import { NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { Section } from '../../../../components/Page';
import { useCourses } from '../../queries';
import type { SettingsForm } from './form';

export function DetailsFields({ form }: { form: SettingsForm }) {
  const courses = useCourses();
  const options = (courses.data ?? [])
    .filter((c) => !c.archived || c.id === form.values.course_id)
    .map((c) => ({ value: c.id, label: c.code ? `${c.code} · ${c.name}` : c.name }));
  return (
    <Section title="Exam details" description="What students see on the start page.">
      <Stack>
        <TextInput label="Title" withAsterisk maxLength={200} {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Course"
            placeholder={courses.isPending ? 'Loading courses…' : 'No course'}
            data={options}
            clearable
            searchable
            nothingFoundMessage="No such course"
            description={courses.isError ? 'Could not load the courses.' : undefined}
            {...form.getInputProps('course_id')}
          />
          <NumberInput
            label="Duration (minutes)"
            description="How long each student has once they start."
            withAsterisk
            min={1}
            max={1440}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('duration_minutes')}
          />
        </SimpleGrid>
        <Textarea
          label="Instructions"
          description="Shown to students before they start."
          autosize
          minRows={3}
          maxRows={12}
          maxLength={20000}
          {...form.getInputProps('instructions')}
        />
      </Stack>
    </Section>
  );
}
