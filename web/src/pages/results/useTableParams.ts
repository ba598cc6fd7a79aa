import { useSearchParams } from 'react-router-dom';

/**
 * A table's filters, sort and page kept in the address (`?q=ana&page=2`), so Back from an
 * attempt returns to the same view. Setting anything but the page goes back to page 1.
 */
export function useTableParams<K extends string>(defaults: Record<K, string>) {
  const [params, setParams] = useSearchParams();
  const get = (key: K): string => params.get(key) ?? defaults[key];
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  const set = (patch: Partial<Record<K | 'page', string | number | null>>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (!('page' in patch)) next.delete('page');
        for (const [key, value] of Object.entries(patch) as [string, string | number | null][]) {
          const isDefault = key === 'page' ? value === 1 : value === defaults[key as K];
          if (value === null || value === '' || isDefault) next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );
  };

  return { get, page, set };
}
