import type { ReactNode } from 'react';
import { Box, Skeleton, Stack, Table, Text, type MantineBreakpoint } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { ErrorAlert } from './ErrorAlert';

/** Below this width tables drop their secondary columns (Mantine's `sm`). */
export const PHONE_QUERY = '(max-width: 47.99em)';

/** Placeholder rows while a table loads. */
export function TableSkeletonRows({ columns, rows = 3 }: { columns: Column[]; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <Table.Tr key={r} aria-hidden>
          {columns.map((col, c) => (
            <Table.Td key={c} visibleFrom={col.visibleFrom}>
              <Skeleton height={14} radius="sm" width={c === 0 ? '70%' : '50%'} />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </>
  );
}

export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={columns}>
        <Text c="dimmed" ta="center" py="lg" size="sm">
          {children}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** A column header; `visibleFrom` hides a secondary column on phones (hide its cells the same way). */
export interface Column {
  label: ReactNode;
  visibleFrom?: MantineBreakpoint;
}

interface DataTableProps<T> {
  /** Accessible caption for the table. */
  label: string;
  headers: (ReactNode | Column)[];
  rows: T[] | undefined;
  isLoading: boolean;
  error: unknown;
  empty: ReactNode;
  renderRow: (row: T) => ReactNode;
  /** Scroll sideways below this width (on wide screens). */
  minWidth?: number;
  /** The same on phones, where secondary columns are hidden; none by default. */
  mobileMinWidth?: number;
}

function isColumn(h: ReactNode | Column): h is Column {
  return typeof h === 'object' && h !== null && 'label' in h;
}

/** A table inside a scroll box with loading, error and empty states. */
export function DataTable<T>({
  label,
  headers,
  rows,
  isLoading,
  error,
  empty,
  renderRow,
  minWidth = 560,
  mobileMinWidth,
}: DataTableProps<T>) {
  const phone = useMediaQuery(PHONE_QUERY, false);
  const columns: Column[] = headers.map((h) => (isColumn(h) ? h : { label: h }));
  if (error) {
    return (
      <Box px={{ base: 'md', sm: 'lg' }} pb="lg">
        <ErrorAlert error={error} title="Could not load this list" />
      </Box>
    );
  }
  return (
    <Stack gap={0}>
      <Table.ScrollContainer minWidth={phone ? (mobileMinWidth ?? 0) : minWidth}>
        <Table aria-label={label} horizontalSpacing={phone ? 'md' : 'lg'}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((col, i) => (
                <Table.Th key={i} visibleFrom={col.visibleFrom}>
                  {col.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {isLoading || !rows ? (
              <TableSkeletonRows columns={columns} />
            ) : rows.length === 0 ? (
              <EmptyRow columns={columns.length}>{empty}</EmptyRow>
            ) : (
              rows.map(renderRow)
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
