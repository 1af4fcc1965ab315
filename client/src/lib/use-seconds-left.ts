import { useEffect, useState } from 'react';

const TICK_MS = 1000;

/** Whole seconds until `until` (0 once it has passed), ticking once a second while above 0. */
export function useSecondsLeft(until: Date | null): number {
  const target = until?.getTime() ?? 0;
  const compute = (): number => Math.max(0, Math.ceil((target - Date.now()) / TICK_MS));
  const [left, setLeft] = useState(compute);
  useEffect(() => {
    setLeft(compute());
    if (target <= Date.now()) return undefined;
    const timer = setInterval(() => {
      const next = compute();
      setLeft(next);
      if (next <= 0) clearInterval(timer);
    }, TICK_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);
  return left;
}
