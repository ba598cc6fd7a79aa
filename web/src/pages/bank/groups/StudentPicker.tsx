import { useState } from 'react';
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useStudents } from '../queries';
import type { Student } from '../types';

interface Props {
  /** Students already in the group are listed but cannot be picked. */
  groupId: string;
  value: Student[];
  onChange: (students: Student[]) => void;
}

const label = (s: Student) => `${s.roll_number} · ${s.name}`;

/** Pick students by name, roll number or email; the roster is searched on the server. */
export function StudentPicker({ groupId, value, onChange }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const found = useStudents({ q: debounced, groupId: null, mine: false, page: 1, pageSize: 20, sort: 'name' });
  const picked = new Map(value.map((s) => [s.id, s]));
  const results = found.data?.items ?? [];
  const byId = new Map([...results, ...value].map((s) => [s.id, s]));
  const data = [...byId.values()].map((s) => {
    const member = s.groups.some((g) => g.id === groupId);
    return { value: s.id, label: member ? `${label(s)} (already in the group)` : label(s), disabled: member };
  });

  return (
    <MultiSelect
      label="Students to add"
      placeholder={value.length ? undefined : 'Name, roll number or email'}
      leftSection={<IconSearch size={16} />}
      data={data}
      value={value.map((s) => s.id)}
      onChange={(ids) => onChange(ids.map((id) => picked.get(id) ?? byId.get(id)!).filter(Boolean))}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'No student matches'}
      hidePickedOptions
      clearable
      maxDropdownHeight={260}
      style={{ flex: '1 1 320px' }}
    />
  );
}
