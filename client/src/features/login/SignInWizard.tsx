import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { homePathFor, useRememberViewer } from '../../apollo/viewer';
import type { ViewerFieldsFragment } from '../../gql/graphql';
import { ConfirmEnrollmentStep } from './ConfirmEnrollmentStep';
import { GraceStep } from './GraceStep';
import { PasswordStep } from './PasswordStep';
import type { ProblemView } from './problem-words';
import { RecoveryCodesStep } from './RecoveryCodesStep';
import { UseRecoveryCodeStep } from './UseRecoveryCodeStep';
import { VerifyCodeStep } from './VerifyCodeStep';
import type { Challenge, PasswordNotice, WizardStep } from './wizard.types';

// Phone-number metadata is large and only people enrolling need it: its own chunk.
const EnrollStep = lazy(() => import('./EnrollStep').then((m) => ({ default: m.EnrollStep })));

interface Props {
  readonly portal: string;
  readonly initialNotice?: PasswordNotice | null;
  /** The portal's SMS countries when known; null lets the person pick any (the server still checks). */
  readonly countries?: readonly string[] | null;
}

/**
 * The customer's way in: password → (enroll phone → code → recovery codes → sign in again) or (code —
 * the app's or a text's, or a recovery code) → signed in.
 * The wizard holds the newest challenge the server answered with and hands only that to each step.
 */
export function SignInWizard({ portal, initialNotice = null, countries = null }: Props): ReactNode {
  const [step, setStep] = useState<WizardStep>({ kind: 'password', notice: initialNotice });
  const [moves, setMoves] = useState(0);
  const [username, setUsername] = useState('');
  const navigate = useNavigate();
  const remember = useRememberViewer();

  const go = (next: WizardStep): void => {
    setStep(next);
    setMoves((n) => n + 1);
  };
  const onSignedIn = (viewer: ViewerFieldsFragment): void => {
    remember(viewer);
    navigate(homePathFor(viewer), { replace: true });
  };
  const onRestart = (problem: ProblemView | null): void => go({ kind: 'password', notice: problem ? { kind: 'restart', problem } : null });
  // A resend's new challenge replaces the held one in place: the code screen stays as it is.
  const onChallenge = (challenge: Challenge): void => setStep((s) => (s.kind === 'confirm' || s.kind === 'verify' ? { ...s, challenge } : s));

  switch (step.kind) {
    case 'password':
      return (
        <PasswordStep
          key={moves}
          portal={portal}
          username={username}
          onUsernameChange={setUsername}
          notice={step.notice}
          focusHeading={moves > 0}
          onSignedIn={onSignedIn}
          onRestart={onRestart}
          onEnrollmentRequired={(challenge, grace) => go(grace ? { kind: 'grace', challenge, grace } : { kind: 'enroll', challenge, phoneText: '' })}
          onCodeRequired={(challenge) => go({ kind: 'verify', challenge })}
        />
      );
    case 'grace':
      return (
        <GraceStep
          key={moves}
          challenge={step.challenge}
          grace={step.grace}
          onSignedIn={onSignedIn}
          onRestart={onRestart}
          onSetUpNow={() => go({ kind: 'enroll', challenge: step.challenge, phoneText: '' })}
        />
      );
    case 'enroll':
      return (
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <EnrollStep
            key={moves}
            challenge={step.challenge}
            phoneText={step.phoneText}
            countries={countries}
            onRestart={onRestart}
            onCodeSent={(challenge, phoneText) => go({ kind: 'confirm', challenge, phoneText })}
          />
        </Suspense>
      );
    case 'confirm':
      return (
        <ConfirmEnrollmentStep
          key={moves}
          challenge={step.challenge}
          onChallenge={onChallenge}
          onRestart={onRestart}
          onConfirmed={(codes) => go(codes.length ? { kind: 'recovery-codes', codes } : { kind: 'password', notice: { kind: 'relogin' } })}
          onChangeNumber={() => go({ kind: 'enroll', challenge: step.challenge, phoneText: step.phoneText })}
        />
      );
    case 'verify':
      return (
        <VerifyCodeStep
          key={moves}
          challenge={step.challenge}
          onChallenge={onChallenge}
          onSignedIn={onSignedIn}
          onRestart={onRestart}
          onUseRecoveryCode={() => go({ kind: 'use-recovery', challenge: step.challenge })}
        />
      );
    case 'recovery-codes':
      return <RecoveryCodesStep key={moves} codes={step.codes} portal={portal} onContinue={() => go({ kind: 'password', notice: { kind: 'relogin' } })} />;
    case 'use-recovery':
      return (
        <UseRecoveryCodeStep
          key={moves}
          challenge={step.challenge}
          onSignedIn={onSignedIn}
          onRestart={onRestart}
          onBack={() => go({ kind: 'verify', challenge: step.challenge })}
        />
      );
  }
}
