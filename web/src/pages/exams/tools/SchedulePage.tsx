import { Box, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader, Section } from '../../../components/Page';
import { DataTable, PHONE_QUERY } from '../../../components/TableStates';
import { BackLink } from '../common/BackLink';
import { localZone } from '../lib/datetime';
import type { ExamSummary } from '../types';
import { ScheduleCard, ScheduleRow } from './ScheduleRow';
import { ToolExamList } from './ToolExamList';

interface ListProps {
  exams: ExamSummary[] | undefined;
  isLoading: boolean;
  error: unknown;
  empty: string;
}

/** Phones: one card per exam, so nothing scrolls sideways while editing. */
function ScheduleCards({ exams, isLoading, error, empty }: ListProps) {
  return (
    <Box px="md" pb="md">
      {error ? (
        <ErrorAlert error={error} title="Could not load this list" />
      ) : isLoading || !exams ? (
        <Skeleton height={180} />
      ) : exams.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="lg">
          {empty}
        </Text>
      ) : (
        <Stack component="ul" gap="sm" aria-label="Exam schedule" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {exams.map((exam) => (
            <ScheduleCard key={exam.id} exam={exam} />
          ))}
        </Stack>
      )}
    </Box>
  );
}

export function SchedulePage() {
  const phone = useMediaQuery(PHONE_QUERY, false);
  return (
    <>
      <BackLink to="/tools" label="Tools" />
      <PageHeader
        title="Schedule exams"
        description={`When each exam opens and closes, in your local time (${localZone()}), and how long students have. Empty: no limit.`}
      />
      <Section title="Schedule by exam" flush>
        <ToolExamList>
          {({ exams, isLoading, error, filtered }) => {
            const empty = filtered ? 'No exams with this status.' : 'No exams yet.';
            return phone ? (
              <ScheduleCards exams={exams} isLoading={isLoading} error={error} empty={empty} />
            ) : (
              <DataTable
                label="Exam schedule"
                headers={['Exam', 'Opens at', 'Closes at', 'Duration (min)', <VisuallyHidden key="a">Save</VisuallyHidden>]}
                rows={exams}
                isLoading={isLoading}
                error={error}
                empty={empty}
                minWidth={960}
                renderRow={(exam) => <ScheduleRow key={exam.id} exam={exam} />}
              />
            );
          }}
        </ToolExamList>
      </Section>
    </>
  );
}
