import type { ReactNode } from 'react';

/**
 * The header row of a stacked table. The explicit roles keep the table a table for screen readers when
 * narrow screens restyle its rows as cards.
 */
export function ColumnHeads({ columns }: { readonly columns: readonly string[] }): ReactNode {
  return (
    <thead role="rowgroup">
      <tr role="row">
        {columns.map((c) => (
          <th key={c} scope="col" role="columnheader">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
