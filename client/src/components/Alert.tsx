import type { ReactNode } from 'react';

export interface AlertMessage {
  readonly title: string;
  readonly detail?: string;
}

interface Props {
  /** error: announced at once (assertive); status and success: announced politely. */
  readonly tone: 'error' | 'status' | 'success';
  readonly message: AlertMessage | null;
  readonly id?: string;
  readonly children?: ReactNode;
}

/**
 * A live region that is always in the page, so a message put into it is announced by screen readers
 * (a region created together with its text often is not). Empty, it takes no space.
 */
export function Alert({ tone, message, id, children }: Props): ReactNode {
  const live = tone === 'error' ? { role: 'alert' as const } : { role: 'status' as const };
  return (
    <div {...live} aria-atomic="true" id={id} className={message ? `alert alert-${tone}` : 'alert-empty'}>
      {message ? (
        <>
          <p className="alert-title">{message.title}</p>
          {message.detail ? <p className="alert-detail">{message.detail}</p> : null}
          {children}
        </>
      ) : null}
    </div>
  );
}
