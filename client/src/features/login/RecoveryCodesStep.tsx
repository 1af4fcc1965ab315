import type { ReactNode } from 'react';
import { Heading } from '../../components/Heading';
import { RecoveryCodeList } from '../../components/RecoveryCodeList';

interface Props {
  readonly codes: readonly string[];
  readonly portal: string;
  /** The codes are saved: the forced re-login follows (the phone is confirmed, no session yet). */
  readonly onContinue: () => void;
}

/** The end of an enrollment: the ten recovery codes, this once, before signing in again. */
export function RecoveryCodesStep({ codes, portal, onContinue }: Props): ReactNode {
  return (
    <section aria-labelledby="step-heading" className="step">
      <Heading id="step-heading">Save your recovery codes</Heading>
      <p className="lead">
        Your phone is confirmed. If you ever cannot get a code, each of these codes signs you in once. Keep them somewhere safe: they are shown
        only now.
      </p>
      <RecoveryCodeList codes={codes} portalSlug={portal} />
      <button type="button" className="button button-primary button-block" onClick={onContinue}>
        Continue to sign in
      </button>
    </section>
  );
}
