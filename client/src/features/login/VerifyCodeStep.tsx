import type { ReactNode } from 'react';
import { CodeForm, refused, type CodeCheck, type CodeFormWords, type CodeScreenProps } from './CodeForm';
import { PasskeyStep } from './PasskeyStep';
import { useVerifyOtp } from './sign-in.hooks';
import type { StepEvents } from './wizard.types';

interface Props extends CodeScreenProps, Pick<StepEvents, 'onSignedIn'> {
  readonly onUseRecoveryCode: () => void;
}

const WORDS: CodeFormWords = { heading: 'Enter your sign-in code', instruction: 'Enter it to finish signing in.', submitLabel: 'Sign in' };
const APP_WORDS: CodeFormWords = {
  heading: 'Enter the code from your app',
  lead: 'Open your authenticator app and find this portal.',
  instruction: 'Enter the 6-digit code it shows to finish signing in.',
  inputLabel: 'Code from the authenticator app',
  submitLabel: 'Sign in',
  resendLabel: 'Text me a code instead',
};

/**
 * Sign-in with an enrolled phone: the code sent to it finishes signing in (verifyOtp). With an
 * authenticator app (step VERIFY_TOTP) the app's code is asked first; "Text me a code instead" moves
 * the challenge to VERIFY_CODE and this screen becomes the text one. With a passkey (step
 * VERIFY_PASSKEY) the passkey is asked in place of a code (PasskeyStep), with the same way to a text.
 */
export function VerifyCodeStep({ onSignedIn, onUseRecoveryCode, ...screen }: Props): ReactNode {
  const [verifyOtp, { loading }] = useVerifyOtp();

  const check = async (code: string): Promise<CodeCheck> => {
    const result = await verifyOtp({ challengeToken: screen.challenge.token, code });
    if (result?.__typename !== 'Authenticated') return refused(result);
    onSignedIn(result.viewer);
    return { kind: 'accepted' };
  };

  if (screen.challenge.step === 'VERIFY_PASSKEY') return <PasskeyStep {...screen} onSignedIn={onSignedIn} onUseRecoveryCode={onUseRecoveryCode} />;
  const app = screen.challenge.step === 'VERIFY_TOTP';
  return <CodeForm key={screen.challenge.step} {...screen} words={app ? APP_WORDS : WORDS} check={check} checking={loading} onUseRecoveryCode={onUseRecoveryCode} />;
}
