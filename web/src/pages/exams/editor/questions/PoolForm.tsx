import { Button, Group, Modal, MultiSelect, NumberInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuestionTags } from '../../queries';

interface Props {
  opened: boolean;
  onClose: () => void;
  onAdd: (tags: string[], count: number) => void;
}

/** "Draw N questions tagged X": each student gets a different random draw. */
export function PoolForm({ opened, onClose, onAdd }: Props) {
  const tags = useQuestionTags();
  const form = useForm({
    mode: 'controlled',
    initialValues: { tags: [] as string[], count: 1 as number | string },
    validate: {
      tags: (v: string[]) => (v.length ? null : 'Choose at least one tag'),
      count: (v: number | string) =>
        Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 500 ? null : 'Draw from 1 to 500 questions',
    },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Add a random pool" centered>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          onAdd(v.tags, Number(v.count));
          close();
        })}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            Each student gets a different random set of questions that carry all the chosen tags, never one already picked by
            hand.
          </Text>
          <MultiSelect
            label="Tags"
            placeholder={tags.data?.length === 0 ? 'No tags in the bank yet' : 'Pick tags'}
            data={(tags.data ?? []).map((t) => ({ value: t.tag, label: `${t.tag} (${t.count})` }))}
            searchable
            nothingFoundMessage="No such tag"
            data-autofocus
            {...form.getInputProps('tags')}
          />
          <NumberInput
            label="Questions to draw"
            min={1}
            max={500}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('count')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit">Add pool</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
