import type { ReactNode } from 'react';
import type { Pager } from '../lib/use-pager';

interface Props {
  readonly pager: Pager;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null } | undefined;
  readonly label: string;
  readonly previousText?: string;
  readonly nextText?: string;
}

/** Previous / next for a Relay connection; nothing when everything fits on one page. */
export function PagerControls({ pager, pageInfo, label, previousText = 'Previous page', nextText = 'Next page' }: Props): ReactNode {
  const hasNext = Boolean(pageInfo?.hasNextPage && pageInfo.endCursor);
  if (pager.page === 1 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button button-secondary button-small" onClick={pager.previous} disabled={pager.page === 1}>
        {previousText}
      </button>
      <span className="pager-page">Page {pager.page}</span>
      <button type="button" className="button button-secondary button-small" onClick={() => pager.next(pageInfo?.endCursor)} disabled={!hasNext}>
        {nextText}
      </button>
    </nav>
  );
}
