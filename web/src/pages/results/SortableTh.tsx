import { Group, Table, UnstyledButton, type MantineBreakpoint } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { SortOrder } from './types';

interface Props {
  children: ReactNode;
  /** This column's sort key on the server. */
  column: string;
  sort: string;
  order: SortOrder;
  onSort: (column: string) => void;
  visibleFrom?: MantineBreakpoint;
}

/** A header that sorts the table by its column: click once, then again to reverse. */
export function SortableTh({ children, column, sort, order, onSort, visibleFrom }: Props) {
  const active = sort === column;
  const Icon = !active ? IconArrowsSort : order === 'asc' ? IconSortAscending : IconSortDescending;
  return (
    <Table.Th
      visibleFrom={visibleFrom}
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
      style={{ whiteSpace: 'nowrap' }}
    >
      <UnstyledButton onClick={() => onSort(column)} fw={700} fz="sm">
        <Group gap={4} wrap="nowrap">
          {children}
          <Icon size={14} stroke={1.8} aria-hidden style={{ opacity: active ? 1 : 0.45 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
