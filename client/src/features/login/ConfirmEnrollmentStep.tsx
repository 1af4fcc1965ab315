import type { ReactNode } from 'react';
import { CodeForm, type CodeCheck } from './CodeForm';
import { useConfirmCode } from './sign-in.hooks';
import type { Challenge, StepEvents } from './wizard.types';

interface Props extends Pick<StepEvents, 'onRestart'> {
  readonly challenge: Challenge;
  readonly onChallenge: (challenge: Challenge) => void;
  /** The phone is confirmed: the person signs in again, now with a code. */
  readonly onConfirmed: () => void;
  readonly onChangeNumber: () => void;
}

/** Enrollment, step 2: the code sent to the new number proves it is the person's phone (confirmCode). */
export function ConfirmEnrollmentStep({ challenge, onChallenge, onConfirmed, onChangeNumber, onRestart }: Props): ReactNode {
  const [confirmCode, { loading }] = useConfirmCode();

  const check = async (code: string): Promise<CodeCheck> => {
    const result = await confirmCode({ challengeToken: challenge.token, code });
    if (!result) return { kind: 'unreachable' };
    if (result.__typename === 'Problem') return { kind: 'problem', problem: result };
    onConfirmed();
    return { kind: 'accepted' };
  };

  return (
    <CodeForm
      challenge={challenge}
      onChallenge={onChallenge}
      onRestart={onRestart}
      heading="Confirm your phone"
      instruction="Enter it to confirm this is your phone."
      submitLabel="Confirm phone"
      check={check}
      checking={loading}
      onChangeNumber={onChangeNumber}
    />
  );
}
