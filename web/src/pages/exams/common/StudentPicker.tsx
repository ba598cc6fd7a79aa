import { MultiSelect, Select, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useStudentSearch } from '../queries';
import type { Student } from '../types';

export interface StudentOption {
  id: string;
  name: string;
  roll_number: string;
}

function studentLabel(s: StudentOption): string {
  return `${s.name} · ${s.roll_number}`;
}

function option(s: StudentOption) {
  return { value: s.id, label: studentLabel(s) };
}

/** The bank answers the search; Mantine must not filter its answer again. */
const noFilter: OptionsFilter = ({ options }) => options;

/** Searches the org's students by name, roll number or email as the user types. */
function useSearch(ignore: string | null) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim() === ignore ? '' : search.trim(), 250);
  const found = useStudentSearch(q);
  return { search, setSearch, found };
}

function nothingFound(found: ReturnType<typeof useStudentSearch>): string {
  if (found.isError) return 'Could not search the students';
  if (found.isPending) return 'Searching…';
  return 'No student matches';
}

interface OneProps {
  label: string;
  value: StudentOption | null;
  onChange: (student: StudentOption | null) => void;
  error?: string;
  disabled?: boolean;
}

/** Pick one student. */
export function StudentSelect({ label, value, onChange, error, disabled }: OneProps) {
  const { search, setSearch, found } = useSearch(value ? studentLabel(value) : null);
  const results: StudentOption[] = found.data?.items ?? [];
  const data = [...(value && !results.some((s) => s.id === value.id) ? [value] : []), ...results];
  return (
    <Select
      label={label}
      placeholder="Search by name, roll number or email"
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={noFilter}
      data={data.map(option)}
      value={value?.id ?? null}
      onChange={(id) => onChange(data.find((s) => s.id === id) ?? null)}
      nothingFoundMessage={nothingFound(found)}
      error={error}
      disabled={disabled}
    />
  );
}

interface ManyProps {
  label: string;
  value: StudentOption[];
  onChange: (students: StudentOption[]) => void;
}

/** Pick several students. */
export function StudentMultiSelect({ label, value, onChange }: ManyProps) {
  const { search, setSearch, found } = useSearch(null);
  const results: Student[] = found.data?.items ?? [];
  const chosen = new Set(value.map((s) => s.id));
  const data = [...value, ...results.filter((s) => !chosen.has(s.id))];
  return (
    <MultiSelect
      label={label}
      placeholder={value.length ? undefined : 'Search by name, roll number or email'}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={noFilter}
      data={data.map(option)}
      value={value.map((s) => s.id)}
      onChange={(ids) => onChange(ids.flatMap((id) => data.filter((s) => s.id === id)))}
      nothingFoundMessage={nothingFound(found)}
      clearable
      hidePickedOptions
    />
  );
}
