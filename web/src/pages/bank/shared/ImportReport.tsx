import { List, ScrollArea, Table, Text } from '@mantine/core';
import type { ImportRowProblem } from '../types';

interface Props {
  rows: ImportRowProblem[];
  /** What a row is called: "Row" for a spreadsheet, "Item" for a QTI package. */
  unit?: 'Row' | 'Item';
}

/** The per-row problems of an import, in the words the API gave. */
export function ImportReport({ rows, unit = 'Row' }: Props) {
  return (
    <ScrollArea.Autosize mah={280} type="auto" offsetScrollbars>
      <Table aria-label="Rows with errors" verticalSpacing={6} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={unit === 'Row' ? 70 : 140}>{unit}</Table.Th>
            <Table.Th>What is wrong</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={`${r.row}-${r.file ?? ''}`}>
              <Table.Td valign="top">
                <Text size="sm" fw={500}>
                  {r.row}
                </Text>
                {r.file && (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {r.file}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {r.errors.length === 1 ? (
                  <Text size="sm">{r.errors[0]}</Text>
                ) : (
                  <List size="sm" spacing={2}>
                    {r.errors.map((e) => (
                      <List.Item key={e}>{e}</List.Item>
                    ))}
                  </List>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
