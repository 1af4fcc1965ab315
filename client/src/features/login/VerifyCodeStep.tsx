import type { ReactNode } from 'react';
import { CodeForm, refused, type CodeCheck, type CodeFormWords, type CodeScreenProps } from './CodeForm';
import { useVerifyOtp } from './sign-in.hooks';
import type { StepEvents } from './wizard.types';

interface Props extends CodeScreenProps, Pick<StepEvents, 'onSignedIn'> {}

const WORDS: CodeFormWords = { heading: 'Enter your sign-in code', instruction: 'Enter it to finish signing in.', submitLabel: 'Sign in' };

/** Sign-in with an enrolled phone: the code sent to it finishes signing in (verifyOtp). */
export function VerifyCodeStep({ onSignedIn, ...screen }: Props): ReactNode {
  const [verifyOtp, { loading }] = useVerifyOtp();

  const check = async (code: string): Promise<CodeCheck> => {
    const result = await verifyOtp({ challengeToken: screen.challenge.token, code });
    if (result?.__typename !== 'Authenticated') return refused(result);
    onSignedIn(result.viewer);
    return { kind: 'accepted' };
  };

  return <CodeForm {...screen} words={WORDS} check={check} checking={loading} />;
}
