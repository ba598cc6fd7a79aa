import { useEffect } from 'react';

/** After a deletion empties the last page, step back to the page before it. */
export function useClampPage(page: number, total: number | undefined, pageSize: number, setPage: (p: number) => void) {
  useEffect(() => {
    if (total === undefined || page === 1) return;
    const last = Math.max(1, Math.ceil(total / pageSize));
    if (page > last) setPage(last);
  }, [page, total, pageSize, setPage]);
}
