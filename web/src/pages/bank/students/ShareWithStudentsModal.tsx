import { useState } from 'react';
import { ActionIcon, Alert, Button, CopyButton, Group, Modal, SimpleGrid, Skeleton, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconCopy, IconRefresh } from '@tabler/icons-react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { registrationApi } from '../api';
import { bankKeys, useRegistrationLink, useStudentCount } from '../queries';

function Count({ label, value }: { label: string; value: number | undefined }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      {value === undefined ? <Skeleton h={28} w={48} mt={4} /> : <Text fz={24} fw={600}>{value}</Text>}
    </Stack>
  );
}

/** "Share With Students": the teacher's registration link, copy, rotate, and how many used it. */
export function ShareWithStudentsModal({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const link = useRegistrationLink();
  const count = useStudentCount();
  const [confirming, setConfirming] = useState(false);

  const rotate = useMutation({
    mutationFn: registrationApi.rotate,
    onSuccess: (fresh) => {
      qc.setQueryData(bankKeys.registrationLink, fresh);
      setConfirming(false);
      notifications.show({ color: 'green', message: 'New registration link made. The old one no longer works.' });
    },
  });

  return (
    <Modal opened onClose={onClose} title="Share with students" size="lg">
      <Stack>
        <Text size="sm">
          Send this link to your students. They enter their roll number, name and email, and appear in your roster marked
          “Your link”. No account is needed.
        </Text>
        <ErrorAlert error={link.error} title="Could not load your link" />
        {link.data ? (
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label="Your registration link"
              value={link.data.url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            />
            <CopyButton value={link.data.url} timeout={2000}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy link'} withArrow>
                  <ActionIcon
                    size={36}
                    variant={copied ? 'filled' : 'default'}
                    color={copied ? 'teal' : undefined}
                    onClick={copy}
                    aria-label={copied ? 'Link copied' : 'Copy link'}
                  >
                    {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        ) : (
          !link.error && <Skeleton h={58} />
        )}
        <SimpleGrid cols={2}>
          <Count label="Registered via your link" value={count.data?.mine} />
          <Count label="In the organization" value={count.data?.total} />
        </SimpleGrid>
        {confirming ? (
          <Alert color="orange" variant="light" title="Make a new link?">
            <Stack gap="sm">
              <Text size="sm">
                The current link stops working at once; anyone who has it will need the new one. Students already
                registered stay on your roster.
              </Text>
              <ErrorAlert error={rotate.error} title="Could not make a new link" />
              <Group gap="sm">
                <Button color="orange" size="xs" onClick={() => rotate.mutate()} loading={rotate.isPending}>
                  Make a new link
                </Button>
                <Button variant="default" size="xs" onClick={() => setConfirming(false)} disabled={rotate.isPending}>
                  Keep the current link
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Group justify="space-between" gap="sm">
            <Button
              variant="subtle"
              color="orange"
              leftSection={<IconRefresh size={16} />}
              onClick={() => {
                rotate.reset();
                setConfirming(true);
              }}
              disabled={!link.data}
            >
              Make a new link…
            </Button>
            <Button onClick={onClose}>Done</Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
