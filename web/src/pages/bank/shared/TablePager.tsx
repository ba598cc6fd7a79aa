import { Group, Pagination, Text } from '@mantine/core';

interface Props {
  page: number;
  pageSize: number;
  total: number | undefined;
  onPage: (page: number) => void;
  noun: string;
}

/** "21–40 of 87 students" and page buttons under a server-paginated table. */
export function TablePager({ page, pageSize, total, onPage, noun }: Props) {
  if (!total) return null;
  const pages = Math.ceil(total / pageSize);
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" px={{ base: 'md', sm: 'lg' }} py="sm" gap="sm">
      <Text size="sm" c="dimmed">
        {pages > 1 ? `${first}–${last} of ${total} ${noun}` : `${total} ${noun}`}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={onPage}
          size="sm"
          siblings={0}
          getControlProps={(control) => ({ 'aria-label': `${control} page` })}
        />
      )}
    </Group>
  );
}
