import { Alert, Button, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { Section } from '../../../../components/Page';
import { examsApi } from '../../api';
import { StudentMultiSelect, type StudentOption } from '../../common/StudentPicker';
import { useGroups } from '../../queries';
import type { Exam, InvitesOut } from '../../types';
import { InviteResults } from './InviteResults';

export function InvitesTab({ exam }: { exam: Exam }) {
  const groups = useGroups();
  const [students, setStudents] = useState<StudentOption[]>([]);
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [result, setResult] = useState<InvitesOut | null>(null);
  const nobody = students.length === 0 && groupIds.length === 0;
  const published = exam.status === 'published';

  const send = useMutation({
    mutationFn: () => examsApi.invite(exam.id, { student_ids: students.map((s) => s.id), group_ids: groupIds }),
    onSuccess: (out) => {
      setResult(out);
      setStudents([]);
      setGroupIds([]);
    },
  });

  return (
    <Stack gap="lg">
      <Section
        title="Invite students"
        description="Each student gets a personal link by email. It stands in for the roll number, the access code and the group limit; the window still applies."
      >
        <Stack>
          {!published && (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />}>
              Publish the exam first: invites can only be sent for a published exam.
            </Alert>
          )}
          <ErrorAlert error={send.error} title="Could not send the invites" />
          <StudentMultiSelect label="Students" value={students} onChange={setStudents} />
          <MultiSelect
            label="Groups"
            description="Every member of these groups is invited."
            placeholder={groupIds.length ? undefined : groups.isPending ? 'Loading groups…' : 'Choose groups'}
            data={(groups.data ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.member_count})` }))}
            value={groupIds}
            onChange={setGroupIds}
            searchable
            clearable
            nothingFoundMessage={groups.data?.length ? 'No such group' : 'No groups yet'}
          />
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed">
              Students without an email address get a link for you to pass on.
            </Text>
            <Button leftSection={<IconSend size={16} />} onClick={() => send.mutate()} loading={send.isPending} disabled={nobody || !published}>
              Send invites
            </Button>
          </Group>
        </Stack>
      </Section>
      {result && <InviteResults result={result} />}
    </Stack>
  );
}
