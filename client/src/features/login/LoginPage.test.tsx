import { act, screen } from '@testing-library/react';
import { renderApp } from '../../test/render';
import { LoginPage } from './LoginPage';

describe('the login page’s development outbox link', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('links to /dev/outbox when the server has it', async () => {
    const fetch = jest.fn().mockResolvedValue({ ok: true, headers: new Headers({ 'content-type': 'text/html; charset=utf-8' }) });
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    renderApp(<LoginPage />);
    const link = await screen.findByRole('link', { name: /Read them in the SMS outbox/ });
    expect(link).toHaveAttribute('href', '/dev/outbox');
    expect(fetch).toHaveBeenCalledWith('/dev/outbox', expect.objectContaining({ method: 'HEAD' }));
  });

  it('shows nothing when the server answers 404 (production, or a real SMS provider)', async () => {
    const answered = Promise.resolve({ ok: false, headers: new Headers({ 'content-type': 'application/json' }) });
    globalThis.fetch = jest.fn().mockReturnValue(answered) as unknown as typeof globalThis.fetch;
    renderApp(<LoginPage />);
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    await act(async () => {
      await answered;
    });
    expect(globalThis.fetch).toHaveBeenCalled();
    expect(screen.queryByRole('link', { name: /SMS outbox/ })).not.toBeInTheDocument();
  });
});
