import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import type { ViewerData } from '../../apollo/viewer';
import { TopbarBrand } from '../../components/TopbarBrand';
import { SignOutButton } from '../login/SignOutButton';

interface Props {
  readonly viewer: ViewerData;
  readonly children: ReactNode;
}

/** The admin panes' frame: who is signed in, the portal, the sections. */
export function AdminLayout({ viewer, children }: Props): ReactNode {
  const base = `/${encodeURIComponent(viewer.portal.slug)}/admin`;
  const navClass = ({ isActive }: { isActive: boolean }): string => (isActive ? 'nav-link active' : 'nav-link');

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <TopbarBrand name={viewer.portal.name} tag="Admin" />
          <div className="topbar-user">
            <span className="topbar-who">
              <span className="who-name">{viewer.displayName}</span>
              <span className="who-profile">{viewer.profile?.name ?? 'Admin'}</span>
            </span>
            <SignOutButton portalSlug={viewer.portal.slug} />
          </div>
        </div>
      </header>
      <div className="admin-body">
        <nav className="sidenav" aria-label="Admin sections">
          <p className="nav-group">Settings › Configurations</p>
          <ul>
            <li>
              <NavLink className={navClass} to={`${base}/settings/client-users`}>
                Client Users
              </NavLink>
            </li>
            <li>
              <NavLink className={navClass} to={`${base}/settings/api-keys`}>
                API keys
              </NavLink>
            </li>
          </ul>
          <p className="nav-group">Customers</p>
          <ul>
            <li>
              <NavLink className={navClass} to={`${base}/companies`}>
                Companies
              </NavLink>
            </li>
            <li>
              <NavLink className={navClass} to={`${base}/events`}>
                Two-factor events
              </NavLink>
            </li>
          </ul>
        </nav>
        <main className="page" id="main">
          {children}
        </main>
      </div>
    </div>
  );
}

/** "Settings › Configurations › Client Users": where a page sits, the last crumb is the page itself. */
export function Breadcrumbs({ items }: { readonly items: ReadonlyArray<{ label: string; to?: string }> }): ReactNode {
  if (items.length < 2) return null; // a trail of one is just the page's own heading
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {items.map((item, i) => (
          <li key={`${item.label}-${i}`}>
            {item.to && i < items.length - 1 ? (
              <NavLink to={item.to} end>
                {item.label}
              </NavLink>
            ) : (
              <span aria-current={i === items.length - 1 ? 'page' : undefined}>{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
