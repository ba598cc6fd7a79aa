import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs`, so "3 min ago" and countdowns stay true. */
export function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
