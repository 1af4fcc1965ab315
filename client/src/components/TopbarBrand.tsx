import type { ReactNode } from 'react';

/** The portal's initial and name at the left of a signed-in page's top bar, with an optional tag ("Admin"). */
export function TopbarBrand({ name, tag }: { readonly name: string; readonly tag?: string }): ReactNode {
  return (
    <span className="brand">
      <span className="brand-mark" aria-hidden="true">
        {name.slice(0, 1).toUpperCase()}
      </span>
      <span className="brand-name">{name}</span>
      {tag ? <span className="brand-tag">{tag}</span> : null}
    </span>
  );
}
