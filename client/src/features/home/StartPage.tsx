import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Alert, type AlertMessage } from '../../components/Alert';
import { Heading } from '../../components/Heading';

/** "/": the portal is the first part of every address; this page asks for it. */
export function StartPage(): ReactNode {
  const [portal, setPortal] = useState('');
  const [error, setError] = useState<AlertMessage | null>(null);
  const navigate = useNavigate();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const slug = portal.trim().toLowerCase();
    if (!slug) {
      setError({ title: 'Enter your portal’s name.', detail: 'It is the first part of the address you were given, as in /acme/login.' });
      return;
    }
    navigate(`/${encodeURIComponent(slug)}/login`);
  };
  return (
    <div className="auth-shell">
      <main className="auth-card" id="main">
        <Heading focusOnMount={false}>Find your portal</Heading>
        <p className="lead">Each company has its own portal. Enter its name to go to its sign-in page.</p>
        <Alert tone="error" message={error} id="portal-error" />
        <form onSubmit={submit} noValidate className="form">
          <div className="field">
            <label htmlFor="portal">Portal</label>
            <input
              id="portal"
              type="text"
              autoCapitalize="none"
              spellCheck={false}
              value={portal}
              onChange={(e) => setPortal(e.target.value)}
              aria-describedby={error ? 'portal-hint portal-error' : 'portal-hint'}
            />
            <p className="hint" id="portal-hint">
              For example “acme” for the address /acme/login.
            </p>
          </div>
          <button type="submit" className="button button-primary button-block">
            Continue
          </button>
        </form>
      </main>
    </div>
  );
}
