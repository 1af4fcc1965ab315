import { AsYouType, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { useMemo, type ReactNode } from 'react';
import { countryOptions, defaultCountry, isCountryCode } from '../lib/countries';

export interface PhoneValue {
  readonly country: CountryCode;
  /** What the person typed, formatted as they type. */
  readonly text: string;
}

/** The number to send: E.164 when it parses in the chosen country (or its own +prefix), else as typed. */
export function phoneForServer(value: PhoneValue): string {
  const parsed = parsePhoneNumberFromString(value.text, value.country);
  return parsed?.number ?? value.text.trim();
}

/** The starting value: the portal's first country (it is how the server reads a number without +). */
export function initialPhone(countries: readonly string[] | null): PhoneValue {
  const options = countryOptions(countries);
  return { country: countries && options[0] ? options[0].code : defaultCountry(options), text: '' };
}

/**
 * Formats as typed; a number typed with + and a country code moves the country picker along. While
 * the person deletes (the text got shorter) it is left as they made it, so a deleted ")" or "-" does
 * not come straight back; typing again formats again.
 */
export function formatAsTyped(text: string, country: CountryCode, previous = ''): PhoneValue {
  const formatter = new AsYouType(country);
  const formatted = formatter.input(text);
  const deleting = text.length < previous.length;
  const detected = formatter.getCountry();
  return { country: detected && isCountryCode(detected) ? detected : country, text: deleting ? text : formatted };
}

interface Props {
  readonly idPrefix: string;
  readonly countries: readonly string[] | null;
  readonly value: PhoneValue;
  readonly onChange: (value: PhoneValue) => void;
  readonly disabled?: boolean;
  readonly invalid?: boolean;
  readonly describedBy?: string;
}

/** Country and mobile number, each with its own label. */
export function PhoneInput({ idPrefix, countries, value, onChange, disabled, invalid, describedBy }: Props): ReactNode {
  const options = useMemo(() => countryOptions(countries), [countries]);
  const selectId = `${idPrefix}-country`;
  const inputId = `${idPrefix}-number`;
  return (
    <div className="phone-input">
      <div className="field phone-country">
        <label htmlFor={selectId}>Country</label>
        <select
          id={selectId}
          value={value.country}
          disabled={disabled}
          autoComplete="tel-country-code"
          onChange={(e) => {
            const country = e.target.value as CountryCode;
            onChange(formatAsTyped(value.text, country));
          }}
        >
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name} (+{o.callingCode})
            </option>
          ))}
        </select>
      </div>
      <div className="field phone-number">
        <label htmlFor={inputId}>Mobile number</label>
        <input
          id={inputId}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={value.text}
          disabled={disabled}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(formatAsTyped(e.target.value, value.country, value.text))}
        />
      </div>
    </div>
  );
}
