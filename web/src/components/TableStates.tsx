import type { ReactNode } from 'react';
import { Box, Skeleton, Stack, Table, Text } from '@mantine/core';
import { ErrorAlert } from './ErrorAlert';

/** Placeholder rows while a table loads. */
export function TableSkeletonRows({ columns, rows = 3 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <Table.Tr key={r} aria-hidden>
          {Array.from({ length: columns }, (_, c) => (
            <Table.Td key={c}>
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

interface DataTableProps<T> {
  /** Accessible caption for the table. */
  label: string;
  headers: ReactNode[];
  rows: T[] | undefined;
  isLoading: boolean;
  error: unknown;
  empty: ReactNode;
  renderRow: (row: T) => ReactNode;
  minWidth?: number;
}

/** A table inside a scroll box with loading, error and empty states. */
export function DataTable<T>({ label, headers, rows, isLoading, error, empty, renderRow, minWidth = 560 }: DataTableProps<T>) {
  if (error) {
    return (
      <Box px="lg" pb="lg">
        <ErrorAlert error={error} title="Could not load this list" />
      </Box>
    );
  }
  return (
    <Stack gap={0}>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              {headers.map((h, i) => (
                <Table.Th key={i}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {isLoading || !rows ? (
              <TableSkeletonRows columns={headers.length} />
            ) : rows.length === 0 ? (
              <EmptyRow columns={headers.length}>{empty}</EmptyRow>
            ) : (
              rows.map(renderRow)
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
