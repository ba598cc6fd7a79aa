import { Alert, Badge, Button, Group, Input, Loader, Modal, MultiSelect, NumberInput, Stack, Table, Text, type ComboboxItem } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconUserShield } from '@tabler/icons-react';
import { useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useMembers } from '../../../api/queries';
import type { ProctorDuty } from '../../../api/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { proctoringApi, proctoringKeys } from '../proctoring/api';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "The ratio asks for 2 more proctors". */
export const neededText = (n: number) => `The ratio asks for ${plural(n, 'more proctor', 'more proctors')}`;

interface Props {
  examId: string;
  /** GET /exams/{id}/proctors, which the page also reads (the Mine toggle). */
  duty: UseQueryResult<ProctorDuty>;
  /** The signed-in user, marked "(you)" in the list. */
  meId: string | undefined;
}

/** "Proctors": who is on duty for this exam and how many students each watches at most. */
export function ProctorsButton({ examId, duty, meId }: Props) {
  const [opened, setOpened] = useState(false);
  const count = duty.data?.proctors.length ?? 0;
  const open = () => {
    void duty.refetch(); // the loads change as students join and finish
    setOpened(true);
  };
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconUserShield size={16} />}
        rightSection={count > 0 ? <Badge size="sm" variant="light" circle aria-hidden>{count}</Badge> : undefined}
        aria-label={count > 0 ? `Proctors (${count} on duty)` : 'Proctors'}
        onClick={open}
      >
        Proctors
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Proctors on duty" centered size="lg">
        {duty.data ? (
          <ProctorsForm examId={examId} duty={duty.data} meId={meId} onDone={() => setOpened(false)} />
        ) : duty.error ? (
          <ErrorAlert error={duty.error} title="Could not load the proctors" />
        ) : (
          <Group justify="center" py="xl">
            <Loader size="sm" aria-label="Loading the proctors" />
          </Group>
        )}
      </Modal>
    </>
  );
}

function ProctorsForm({ examId, duty, meId, onDone }: { examId: string; duty: ProctorDuty; meId: string | undefined; onDone: () => void }) {
  const qc = useQueryClient();
  const members = useMembers();
  const [ids, setIds] = useState(() => duty.proctors.map((p) => p.user_id));
  const [ratio, setRatio] = useState<number | string>(duty.students_per_proctor);

  // Whoever is on duty stays listed even if the members list has not come (or they left the org).
  const people = new Map<string, { name: string; email: string }>();
  for (const p of duty.proctors) people.set(p.user_id, p);
  for (const m of members.data ?? []) people.set(m.user_id, m);
  const data = [...people].map(([id, m]) => ({ value: id, label: `${m.name || m.email}${id === meId ? ' (you)' : ''}` }));

  const save = useMutation({
    mutationFn: () => proctoringApi.setProctors(examId, { user_ids: ids, students_per_proctor: Number(ratio) || 0 }),
    onSuccess: (out) => {
      qc.setQueryData(proctoringKeys.proctors(examId), out);
      // The moved rows also stream over the socket; reloading covers a socket that is reconnecting.
      void qc.invalidateQueries({ queryKey: proctoringKeys.live(examId) });
      const saved = out.proctors.length
        ? `${plural(out.proctors.length, 'proctor', 'proctors')} on duty; students shared out.`
        : 'Nobody is on duty: every proctor sees every student.';
      notifications.show(
        out.proctors_needed > 0
          ? { color: 'yellow', title: saved, message: `${neededText(out.proctors_needed)}.` }
          : { color: 'green', message: saved },
      );
      onDone();
    },
  });

  const spp = duty.students_per_proctor;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <div>
          <Input.Label labelElement="div">On duty now</Input.Label>
          <Input.Description>
            {plural(duty.active_students, 'student', 'students')} writing · {spp > 0 ? `at most ${spp} per proctor` : 'no limit per proctor'}
          </Input.Description>
          {duty.proctors.length === 0 ? (
            <Text size="sm" c="dimmed" mt={6}>
              Nobody is on duty: every proctor sees every student.
            </Text>
          ) : (
            <Table aria-label="On duty" mt={4} verticalSpacing={6}>
              <Table.Tbody>
                {duty.proctors.map((p) => (
                  <Table.Tr key={p.user_id}>
                    <Table.Td pl={0}>
                      <Text size="sm" fw={500}>
                        {p.name}
                        {p.user_id === meId && ' (you)'}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {p.email}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" pr={0}>
                      <Badge variant="light" color={spp > 0 && p.students > spp ? 'orange' : 'gray'}>
                        {plural(p.students, 'student', 'students')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </div>
        {duty.proctors_needed > 0 && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={neededText(duty.proctors_needed)}>
            {plural(duty.active_students, 'student is', 'students are')} writing and each proctor watches at most {spp}. Everyone still
            gets a proctor; those on duty just watch more.
          </Alert>
        )}
        <MultiSelect
          label="Proctors"
          description="Members who watch this exam. Each student writing goes to the least busy of them; with nobody chosen, everyone sees every student."
          placeholder={ids.length ? undefined : 'Choose members'}
          data={data}
          value={ids}
          onChange={setIds}
          renderOption={({ option }) => (
            <div>
              <Text size="sm">{option.label}</Text>
              <Text size="xs" c="dimmed">
                {people.get(option.value)?.email}
              </Text>
            </div>
          )}
          filter={({ options, search }) => {
            const q = search.trim().toLowerCase();
            return (options as ComboboxItem[]).filter(
              (o) => !q || o.label.toLowerCase().includes(q) || !!people.get(o.value)?.email.toLowerCase().includes(q),
            );
          }}
          searchable
          clearable
          hidePickedOptions
          nothingFoundMessage={members.isLoading ? 'Loading members…' : 'No member matches'}
          maxDropdownHeight={260}
          comboboxProps={{ withinPortal: true }}
        />
        <ErrorAlert error={members.error} title="Could not load the members" />
        <NumberInput
          label="Students per proctor"
          description="The most one proctor should watch; 0 for no limit."
          min={0}
          max={1000}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          value={ratio}
          onChange={setRatio}
          w={{ base: '100%', xs: 320 }}
        />
        <ErrorAlert error={save.error} title="Proctors not saved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
