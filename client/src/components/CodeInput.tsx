import { forwardRef, type ClipboardEvent, type ReactNode } from 'react';

export const CODE_LENGTH = 6;

/**
 * The digits of a one-time code found in what was typed or pasted: a whole text message
 * ("Your Acme code is 123456 … #123456") gives its six-digit code; anything else gives its digits.
 */
export function codeDigits(text: string): string {
  const whole = /#(\d{6})\b/.exec(text) ?? /(?:^|\D)(\d{6})(?!\d)/.exec(text);
  if (whole?.[1] && text.replace(/\D/g, '').length > CODE_LENGTH) return whole[1];
  return text.replace(/\D/g, '').slice(0, CODE_LENGTH);
}

interface Props {
  readonly id: string;
  readonly value: string;
  readonly onChange: (digits: string) => void;
  /** Called once the sixth digit is in, by typing, pasting or autofill. */
  readonly onComplete: (code: string) => void;
  readonly disabled?: boolean;
  readonly invalid?: boolean;
  readonly describedBy?: string;
}

/**
 * One field for the whole code, so SMS autofill (autocomplete="one-time-code"), paste and screen
 * readers all see a single input; inputmode="numeric" brings up the number pad on phones.
 */
export const CodeInput = forwardRef<HTMLInputElement, Props>(function CodeInput(
  { id, value, onChange, onComplete, disabled, invalid, describedBy },
  ref,
): ReactNode {
  const accept = (text: string): void => {
    const digits = codeDigits(text);
    onChange(digits);
    if (digits.length === CODE_LENGTH && digits !== value) onComplete(digits);
  };
  const onPaste = (e: ClipboardEvent<HTMLInputElement>): void => {
    e.preventDefault();
    accept(e.clipboardData.getData('text'));
  };
  return (
    <input
      ref={ref}
      id={id}
      name="code"
      className="code-input"
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      spellCheck={false}
      value={value}
      disabled={disabled}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onChange={(e) => accept(e.target.value)}
      onPaste={onPaste}
    />
  );
});
