import { useState, type ReactNode } from 'react';
import { Alert, type AlertMessage } from '../../components/Alert';
import { Heading } from '../../components/Heading';
import { formatDateTime, plural } from '../../lib/format';
import { describeProblem, UNREACHABLE } from './problem-words';
import { usePostponeEnrollment } from './sign-in.hooks';
import type { Challenge, Grace, StepEvents } from './wizard.types';

interface Props extends StepEvents {
  readonly challenge: Challenge;
  readonly grace: Grace;
  readonly onSetUpNow: () => void;
}

const ERROR_ID = 'grace-error';

/**
 * The portal's enrollment grace period (README, Enrollment grace period): "Set up two-factor now", or
 * "Remind me later", which signs in with the password alone. The server decides at that moment whether
 * the grace period still runs; if it has ended, the button goes and only setting up remains.
 */
export function GraceStep({ challenge, grace, onSetUpNow, onSignedIn, onRestart }: Props): ReactNode {
  const [postpone, { loading }] = usePostponeEnrollment();
  const [error, setError] = useState<AlertMessage | null>(null);
  const [ended, setEnded] = useState(false);

  const later = async (): Promise<void> => {
    if (loading) return;
    setError(null);
    const result = await postpone({ challengeToken: challenge.token });
    if (!result) return setError(UNREACHABLE);
    if (result.__typename === 'Authenticated') return onSignedIn(result.viewer);
    const view = describeProblem(result, 'enroll');
    if (result.code === 'GRACE_PERIOD_ENDED') setEnded(true);
    else if (view.wayForward === 'sign-in-again') return onRestart(view);
    setError(view);
  };

  return (
    <section aria-labelledby="step-heading" className="step">
      <Heading id="step-heading">Set up two-factor authentication</Heading>
      <p className="lead">
        This portal now protects accounts with a code sent by text message each time you sign in.
        {ended ? ' It is required from now on.' : ` You can set it up now, or later: it becomes required on ${formatDateTime(grace.endsAt)}.`}
      </p>
      <Alert tone="error" message={error} id={ERROR_ID} />
      <div className="form">
        <button type="button" className="button button-primary button-block" onClick={onSetUpNow} disabled={loading}>
          Set up two-factor now
        </button>
        {ended ? null : (
          <button type="button" className="button button-secondary button-block" onClick={later} disabled={loading} aria-describedby={error ? ERROR_ID : undefined}>
            {loading ? 'Signing in…' : `Remind me later (${plural(grace.daysLeft, 'day', 'days')} left)`}
          </button>
        )}
      </div>
      <p className="step-aside">
        <button type="button" className="link-button" onClick={() => onRestart(null)}>
          Cancel and start over
        </button>
      </p>
    </section>
  );
}
