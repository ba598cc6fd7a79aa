import { Box, Group, Table, Text } from '@mantine/core';
import { BreakableEmail } from '../../../../components/BreakableEmail';
import { Section } from '../../../../components/Page';
import { DataTable } from '../../../../components/TableStates';
import { CopyText } from '../../common/CopyText';
import { absoluteUrl, plural } from '../../lib/labels';
import type { InvitesOut } from '../../types';

function EmailOrHint({ email }: { email: string | null }) {
  return email ? (
    <Text size="sm" style={{ overflowWrap: 'break-word' }}>
      <BreakableEmail email={email} />
    </Text>
  ) : (
    <Text size="sm" c="orange.8">
      No email: copy the link
    </Text>
  );
}

/** Who was invited, whether they got an email, and each personal link to copy. */
export function InviteResults({ result }: { result: InvitesOut }) {
  const withoutEmail = result.invited - result.emailed;
  return (
    <Section
      title="Invites sent"
      description={
        `${plural(result.invited, 'student')} invited, ${result.emailed} by email.` +
        (withoutEmail > 0 ? ` Copy the links of the ${plural(withoutEmail, 'student')} without an email address.` : '')
      }
      flush
    >
      <DataTable
        label="Invited students"
        headers={['Student', { label: 'Email', visibleFrom: 'sm' }, 'Personal link']}
        rows={result.links}
        isLoading={false}
        error={null}
        empty="Nobody was invited: the groups chosen have no members."
        minWidth={720}
        renderRow={(link) => {
          const url = absoluteUrl(link.url);
          return (
            <Table.Tr key={link.student_id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {link.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {link.roll_number}
                </Text>
                <Box hiddenFrom="sm" mt={4}>
                  <EmailOrHint email={link.email} />
                </Box>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <EmailOrHint email={link.email} />
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <CopyText value={url} label={`Copy link of ${link.name}`} text="Copy link" />
                  {/* Text, not a link: opening it here would start the exam as the student. */}
                  <Text size="xs" c="dimmed" visibleFrom="md" style={{ wordBreak: 'break-all' }}>
                    {url}
                  </Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        }}
      />
    </Section>
  );
}
