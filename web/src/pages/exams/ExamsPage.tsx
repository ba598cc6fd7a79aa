import { Button, Group, Pagination, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader, Section } from '../../components/Page';
import { ExamsTable } from './list/ExamsTable';
import { STATUS_OPTIONS } from './lib/labels';
import { useCourses, useExamList } from './queries';
import type { ExamStatus } from './types';

const PAGE_SIZE = 20;

/** The teacher's exams, filtered by title, course and status (kept in the address). */
export function ExamsPage() {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const courseId = params.get('course');
  const status = params.get('status') as ExamStatus | null;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const courses = useCourses();
  const exams = useExamList({ q, course_id: courseId, status, page, page_size: PAGE_SIZE });

  const setFilter = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next, { replace: true });
  };
  const setPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  };
  const onSearch = (value: string) => {
    setSearch(value);
    setFilter('q', value.trim() || null);
  };

  const filtered = !!(q || courseId || status);
  const pages = exams.data ? Math.ceil(exams.data.total / PAGE_SIZE) : 0;

  return (
    <>
      <PageHeader
        title="Exams"
        description="Build exams from your question bank, schedule them and share the link with students."
        actions={
          <Button component={Link} to="/exams/new" leftSection={<IconPlus size={16} />}>
            New exam
          </Button>
        }
      />
      <Section
        title="All exams"
        description={exams.data ? `${exams.data.total} ${exams.data.total === 1 ? 'exam' : 'exams'}${filtered ? ' match' : ''}` : undefined}
        flush
      >
        <Group px={{ base: 'md', sm: 'lg' }} pb="md" gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label="Search"
            placeholder="Exam title"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => onSearch(e.currentTarget.value)}
            style={{ flex: '1 1 240px' }}
          />
          <Select
            label="Course"
            placeholder="All courses"
            data={(courses.data ?? []).map((c) => ({ value: c.id, label: c.code ? `${c.code} · ${c.name}` : c.name }))}
            value={courseId}
            onChange={(v) => setFilter('course', v)}
            clearable
            searchable
            nothingFoundMessage="No such course"
            w={{ base: '100%', xs: 240 }}
          />
          <Select
            label="Status"
            placeholder="Any status"
            data={STATUS_OPTIONS}
            value={status}
            onChange={(v) => setFilter('status', v)}
            clearable
            w={{ base: '100%', xs: 170 }}
          />
        </Group>
        <ExamsTable
          exams={exams.data?.items}
          isLoading={exams.isPending}
          error={exams.error}
          empty={
            filtered ? (
              'No exams match these filters.'
            ) : (
              <Stack gap={4} align="center" component="span">
                <Text component="span" size="sm">
                  No exams yet.
                </Text>
                <Text component="span" size="sm">
                  <Link to="/exams/new">Create your first exam</Link> or start from a{' '}
                  <Link to="/exam-templates">template</Link>.
                </Text>
              </Stack>
            )
          }
        />
        {pages > 1 && (
          <Group justify="center" py="md">
            <Pagination
              total={pages}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': `${control} page` })}
            />
          </Group>
        )}
      </Section>
    </>
  );
}
