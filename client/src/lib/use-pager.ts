import { useCallback, useState } from 'react';

export interface Pager {
  /** The cursor to ask for: null on the first page. */
  readonly after: string | null;
  /** 1-based. */
  readonly page: number;
  readonly next: (endCursor: string | null | undefined) => void;
  readonly previous: () => void;
  readonly reset: () => void;
}

/** Relay connections go forward only; the cursors of the pages seen so far give "previous". */
export function usePager(): Pager {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setCursors((c) => [...c, endCursor]);
  }, []);
  const previous = useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []);
  const reset = useCallback(() => setCursors([null]), []);
  return { after: cursors.at(-1) ?? null, page: cursors.length, next, previous, reset };
}
