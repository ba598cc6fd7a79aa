import { Group, Pagination, Select } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { STATUS_OPTIONS } from '../lib/labels';
import { useExamList } from '../queries';
import type { ExamStatus, ExamSummary } from '../types';

const PAGE_SIZE = 25;

interface Props {
  children: (list: { exams: ExamSummary[] | undefined; isLoading: boolean; error: unknown; filtered: boolean }) => ReactNode;
}

/** A page of the org's exams with a status filter, for the tools that work on many exams. */
export function ToolExamList({ children }: Props) {
  const [status, setStatus] = useState<ExamStatus | null>(null);
  const [page, setPage] = useState(1);
  const list = useExamList({ status, page, page_size: PAGE_SIZE });
  const pages = list.data ? Math.ceil(list.data.total / PAGE_SIZE) : 0;
  return (
    <>
      <Group px={{ base: 'md', sm: 'lg' }} pb="md">
        <Select
          label="Status"
          placeholder="Any status"
          data={STATUS_OPTIONS}
          value={status}
          onChange={(v) => {
            setStatus(v as ExamStatus | null);
            setPage(1);
          }}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
      </Group>
      {children({ exams: list.data?.items, isLoading: list.isPending, error: list.error, filtered: !!status })}
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
    </>
  );
}
