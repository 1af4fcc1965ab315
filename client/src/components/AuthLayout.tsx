import type { ReactNode } from 'react';

interface Props {
  readonly portal: string;
  readonly portalName?: string | null;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
}

/** The sign-in screens: one calm card in the middle, the portal named above it. */
export function AuthLayout({ portal, portalName, children, footer }: Props): ReactNode {
  return (
    <div className="auth-shell">
      <header className="auth-brand">
        <span className="brand-mark" aria-hidden="true">
          {(portalName ?? portal).slice(0, 1).toUpperCase()}
        </span>
        <span className="brand-text">
          <span className="brand-name">{portalName ?? portal}</span>
          <span className="brand-sub">Customer portal</span>
        </span>
      </header>
      <main className="auth-card" id="main">
        {children}
      </main>
      {footer ? <footer className="auth-footer">{footer}</footer> : null}
    </div>
  );
}
