import { Group, Pagination, Text } from '@mantine/core';

interface Props {
  page: number;
  pageSize: number;
  total: number | undefined;
  onChange: (page: number) => void;
  /** What is counted: "attempts", "students". */
  noun: string;
}

/** "21–40 of 65 attempts" and page buttons under a server-paged table. */
export function Pager({ page, pageSize, total, onChange, noun }: Props) {
  if (!total) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" px={{ base: 'md', sm: 'lg' }} py="sm" gap="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {first > total ? `${total} ${noun}` : `${first}–${last} of ${total} ${noun}`}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onChange}
          size="sm"
          siblings={1}
          boundaries={1}
          getControlProps={(control) => ({ 'aria-label': `${control.charAt(0).toUpperCase()}${control.slice(1)} page` })}
          getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
        />
      )}
    </Group>
  );
}
