import type { ReactNode } from 'react';
import { CodeForm, refused, type CodeCheck, type CodeFormWords, type CodeScreenProps } from './CodeForm';
import { useConfirmCode } from './sign-in.hooks';

interface Props extends CodeScreenProps {
  /** The phone is confirmed (with the enrollment's recovery codes): the person signs in again, now with a code. */
  readonly onConfirmed: (recoveryCodes: readonly string[]) => void;
  readonly onChangeNumber: () => void;
}

const WORDS: CodeFormWords = { heading: 'Confirm your phone', instruction: 'Enter it to confirm this is your phone.', submitLabel: 'Confirm phone' };

/** Enrollment, step 2: the code sent to the new number proves it is the person's phone (confirmCode). */
export function ConfirmEnrollmentStep({ onConfirmed, onChangeNumber, ...screen }: Props): ReactNode {
  const [confirmCode, { loading }] = useConfirmCode();

  const check = async (code: string): Promise<CodeCheck> => {
    const result = await confirmCode({ challengeToken: screen.challenge.token, code });
    if (result?.__typename !== 'ReloginRequired') return refused(result);
    onConfirmed(result.recoveryCodes);
    return { kind: 'accepted' };
  };

  return <CodeForm {...screen} words={WORDS} check={check} checking={loading} onChangeNumber={onChangeNumber} />;
}
