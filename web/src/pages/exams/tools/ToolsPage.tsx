import { Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarTime,
  IconKey,
  IconTemplate,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/Page';
import { useStudentCount } from '../queries';
import { BackfillCard } from './BackfillCard';
import { CleanupCard } from './CleanupCard';
import classes from './ToolsPage.module.css';

interface ToolCardProps {
  to: string;
  icon: Icon;
  color: string;
  title: string;
  description: ReactNode;
  children?: ReactNode;
}

function ToolCard({ to, icon: IconComponent, color, title, description, children }: ToolCardProps) {
  return (
    <UnstyledButton component={Link} to={to} className={classes.card}>
      <Paper p="lg" shadow="xs" className={classes.paper}>
        <Stack gap="sm">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" color={color} size={40} radius="md">
              <IconComponent size={22} aria-hidden />
            </ThemeIcon>
            <Title order={2} fz="md">
              {title}
            </Title>
          </Group>
          {children}
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}

function StudentCountFigure() {
  const count = useStudentCount();
  if (count.isPending) return <Skeleton height={36} width={80} aria-label="Loading the count" />;
  if (count.isError) return <Text size="sm" c="red">Could not load the count.</Text>;
  return (
    <Group gap="xs" align="baseline">
      <Text fz={32} fw={700} lh={1} data-testid="student-count">
        {count.data.total.toLocaleString()}
      </Text>
      <Text size="sm" c="dimmed">
        {count.data.mine > 0 ? `${count.data.mine.toLocaleString()} through your link` : 'registered'}
      </Text>
    </Group>
  );
}

/** Shortcuts to the jobs teachers do around exams. */
export function ToolsPage() {
  return (
    <>
      <PageHeader title="Tools" description="Quick ways to manage access, schedules, groups, sessions, scores and stored media." />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
        <ToolCard to="/tools/access-codes" icon={IconKey} color="indigo" title="Exam access codes" description="See, copy or regenerate the code each exam asks for." />
        <ToolCard to="/tools/schedule" icon={IconCalendarTime} color="teal" title="Schedule exams" description="Set when each exam opens and closes, and how long it lasts." />
        <ToolCard to="/groups" icon={IconUsersGroup} color="grape" title="Student groups" description="Group students to invite them together or limit an exam to them." />
        <ToolCard to="/exam-templates" icon={IconTemplate} color="blue" title="Exam templates" description="Start new exams from saved settings and questions." />
        <ToolCard to="/failed-sessions" icon={IconAlertTriangle} color="orange" title="Failed sessions" description="Attempts that broke off: crashes, lost connections, failed checks." />
        <ToolCard to="/students" icon={IconUsers} color="cyan" title="Registered students" description="Everyone who can take your exams.">
          <StudentCountFigure />
        </ToolCard>
        <BackfillCard />
        <CleanupCard />
      </SimpleGrid>
    </>
  );
}
