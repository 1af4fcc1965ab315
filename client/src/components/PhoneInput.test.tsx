import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { formatAsTyped, initialPhone, PhoneInput, phoneForServer, type PhoneValue } from './PhoneInput';

function Harness({ countries }: { countries: string[] | null }) {
  const [value, setValue] = useState<PhoneValue>(() => initialPhone(countries));
  return (
    <>
      <PhoneInput idPrefix="p" countries={countries} value={value} onChange={setValue} />
      <output data-testid="e164">{phoneForServer(value)}</output>
    </>
  );
}

describe('PhoneInput', () => {
  it('offers the portal’s countries, its first one chosen', () => {
    render(<Harness countries={['CA', 'US', 'GB']} />);
    const select = screen.getByLabelText('Country');
    expect(select).toHaveValue('CA');
    expect([...(select as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['Canada (+1)', 'United States (+1)', 'United Kingdom (+44)']);
  });

  it('formats as typed and sends E.164', async () => {
    render(<Harness countries={['US', 'CA']} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Mobile number'), '4155550134');
    expect(screen.getByLabelText('Mobile number')).toHaveValue('(415) 555-0134');
    expect(screen.getByTestId('e164')).toHaveTextContent('+14155550134');
  });

  it('follows a number typed with its own country code', async () => {
    render(<Harness countries={['US', 'GB']} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Mobile number'), '+447400123456');
    expect(screen.getByLabelText('Country')).toHaveValue('GB');
    expect(screen.getByLabelText('Mobile number')).toHaveValue('+44 7400 123456');
    expect(screen.getByTestId('e164')).toHaveTextContent('+447400123456');
  });

  it('reformats when the country changes', async () => {
    render(<Harness countries={['US', 'GB']} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Country'), 'GB');
    await user.type(screen.getByLabelText('Mobile number'), '07400123456');
    expect(screen.getByLabelText('Mobile number')).toHaveValue('07400 123456');
    expect(screen.getByTestId('e164')).toHaveTextContent('+447400123456');
  });

  it('lets a formatting character be deleted', async () => {
    expect(formatAsTyped('(415', 'US', '(415)').text).toBe('(415');
    expect(formatAsTyped('(415) 555-012', 'US', '(415) 555-0123').text).toBe('(415) 555-012');
    render(<Harness countries={['US']} />);
    const user = userEvent.setup();
    const box = screen.getByLabelText('Mobile number');
    await user.type(box, '415');
    expect(box).toHaveValue('(415)');
    await user.type(box, '{Backspace}{Backspace}');
    expect(box).toHaveValue('(41');
    await user.type(box, '55');
    expect(box).toHaveValue('(415) 5');
  });

  it('offers every country by name when the portal allows all', () => {
    render(<Harness countries={null} />);
    expect((screen.getByLabelText('Country') as HTMLSelectElement).options.length).toBeGreaterThan(200);
  });
});
