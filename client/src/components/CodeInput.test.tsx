import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { CodeInput, codeDigits } from './CodeInput';

function Harness({ onComplete }: { onComplete: (code: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <>
      <label htmlFor="c">Code</label>
      <CodeInput id="c" value={value} onChange={setValue} onComplete={onComplete} />
    </>
  );
}

describe('CodeInput', () => {
  it('is one numeric field that SMS autofill can fill', () => {
    render(<Harness onComplete={() => undefined} />);
    const box = screen.getByLabelText('Code');
    expect(box).toHaveAttribute('autocomplete', 'one-time-code');
    expect(box).toHaveAttribute('inputmode', 'numeric');
    expect(box).toHaveAttribute('type', 'text');
    expect(box).not.toHaveAttribute('maxlength'); // a pasted "123 456" must not be cut short
  });

  it('completes on the sixth digit, once', async () => {
    const onComplete = jest.fn();
    render(<Harness onComplete={onComplete} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Code'), '12345');
    expect(onComplete).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText('Code'), '67');
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete).toHaveBeenCalledWith('123456');
    expect(screen.getByLabelText('Code')).toHaveValue('123456');
  });

  it('completes on a pasted whole code, with spaces or a whole message', async () => {
    const onComplete = jest.fn();
    render(<Harness onComplete={onComplete} />);
    const user = userEvent.setup();
    screen.getByLabelText('Code').focus();
    await user.paste('123 456');
    expect(onComplete).toHaveBeenLastCalledWith('123456');
  });

  it('finds the code in a pasted text message', () => {
    expect(codeDigits('Your Acme Freight code is 042917. It expires in 5 minutes.\n@acme.example #042917')).toBe('042917');
    expect(codeDigits('Code: 555123')).toBe('555123');
    expect(codeDigits('12-34')).toBe('1234');
    expect(codeDigits('1234567')).toBe('123456');
  });
});
