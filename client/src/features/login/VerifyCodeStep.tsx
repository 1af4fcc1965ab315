import type { ReactNode } from 'react';
import { CodeForm, type CodeCheck } from './CodeForm';
import { useVerifyOtp } from './sign-in.hooks';
import type { Challenge, StepEvents } from './wizard.types';

interface Props extends StepEvents {
  readonly challenge: Challenge;
  readonly onChallenge: (challenge: Challenge) => void;
}

/** Sign-in with an enrolled phone: the code sent to it finishes signing in (verifyOtp). */
export function VerifyCodeStep({ challenge, onChallenge, onSignedIn, onRestart }: Props): ReactNode {
  const [verifyOtp, { loading }] = useVerifyOtp();

  const check = async (code: string): Promise<CodeCheck> => {
    const result = await verifyOtp({ challengeToken: challenge.token, code });
    if (!result) return { kind: 'unreachable' };
    if (result.__typename === 'Problem') return { kind: 'problem', problem: result };
    onSignedIn(result.viewer);
    return { kind: 'accepted' };
  };

  return (
    <CodeForm
      challenge={challenge}
      onChallenge={onChallenge}
      onRestart={onRestart}
      heading="Enter your sign-in code"
      instruction="Enter it to finish signing in."
      submitLabel="Sign in"
      check={check}
      checking={loading}
    />
  );
}
