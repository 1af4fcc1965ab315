import { checkPhoneNumber, countryOfNumber, maskPhoneNumber } from './phone-number';

// Classifications checked against libphonenumber-js/max 1.13.16 before being written down here.
const US_MOBILE_OR_FIXED = '+14155552671'; // FIXED_LINE_OR_MOBILE: NANP does not tell them apart
const UK_MOBILE = '+447400123456'; // MOBILE, GB
const UK_FIXED_LINE = '+442079460000'; // FIXED_LINE (London)
const US_TOLL_FREE = '+18005550199'; // TOLL_FREE
const UK_PREMIUM = '+449098790000'; // PREMIUM_RATE
const US_PREMIUM = '+19005550123'; // PREMIUM_RATE
const CA_NUMBER = '+16135550123'; // FIXED_LINE_OR_MOBILE, CA (Ottawa)
const BAHAMAS_MOBILE = '+12423570000'; // MOBILE, BS: calling code 1 like the US
const JERSEY_MOBILE = '+447797123456'; // MOBILE, JE: calling code 44 like the UK
const IRIDIUM_SATELLITE = '+8816123456789'; // MOBILE with no country

describe('checkPhoneNumber', () => {
  describe('accepts numbers that can receive an SMS', () => {
    it.each([
      [US_MOBILE_OR_FIXED, null, 'US'],
      [UK_MOBILE, null, 'GB'],
      [UK_MOBILE, ['US', 'GB'], 'GB'],
      [CA_NUMBER, ['US', 'CA'], 'CA'],
    ] as const)('%s with list %j is %s', (input, list, country) => {
      expect(checkPhoneNumber(input, list)).toEqual({ ok: true, e164: input, country });
    });
  });

  describe('refuses numbers that are not mobile (toll fraud)', () => {
    it.each([UK_FIXED_LINE, US_TOLL_FREE, UK_PREMIUM, US_PREMIUM])('%s', (input) => {
      expect(checkPhoneNumber(input, null)).toEqual({ ok: false, reason: 'not_mobile' });
    });

    it('says not_mobile even when the list would also refuse the country', () => {
      expect(checkPhoneNumber(UK_PREMIUM, ['US'])).toEqual({ ok: false, reason: 'not_mobile' });
    });
  });

  describe('applies the allow-list by the number, not by its calling code', () => {
    it('refuses a valid mobile from a country not on the list', () => {
      expect(checkPhoneNumber(UK_MOBILE, ['US', 'CA'])).toEqual({ ok: false, reason: 'country_not_allowed' });
    });

    it('refuses a Bahamas mobile on a US/CA portal though it starts with +1', () => {
      expect(checkPhoneNumber(BAHAMAS_MOBILE, ['US', 'CA'])).toEqual({ ok: false, reason: 'country_not_allowed' });
      expect(checkPhoneNumber(BAHAMAS_MOBILE, null)).toMatchObject({ ok: true, country: 'BS' });
    });

    it('refuses a Jersey mobile on a GB-only portal though it starts with +44', () => {
      expect(checkPhoneNumber(JERSEY_MOBILE, ['GB'])).toEqual({ ok: false, reason: 'country_not_allowed' });
    });

    it('refuses satellite numbers, which have no country, even with no list', () => {
      expect(checkPhoneNumber(IRIDIUM_SATELLITE, null)).toEqual({ ok: false, reason: 'country_not_allowed' });
    });

    it('reads the list case-insensitively', () => {
      expect(checkPhoneNumber(UK_MOBILE, ['gb'])).toMatchObject({ ok: true, country: 'GB' });
    });

    it('allows nothing with an empty list', () => {
      expect(checkPhoneNumber(US_MOBILE_OR_FIXED, [])).toEqual({ ok: false, reason: 'country_not_allowed' });
    });
  });

  describe('reads a number without + in the first allowed country', () => {
    it.each(['(415) 555-2671', '415-555-2671', '415.555.2671', ' 415 555 2671 ', '1-415-555-2671'])('%j with US first', (input) => {
      expect(checkPhoneNumber(input, ['US', 'CA'])).toEqual({ ok: true, e164: US_MOBILE_OR_FIXED, country: 'US' });
    });

    it('reads a UK national number with GB first', () => {
      expect(checkPhoneNumber('07400 123456', ['GB'])).toEqual({ ok: true, e164: UK_MOBILE, country: 'GB' });
    });

    it('still checks the country it turns out to be in', () => {
      // 415 is a US area code: read as a CA number it is still American.
      expect(checkPhoneNumber('4155552671', ['CA'])).toEqual({ ok: false, reason: 'country_not_allowed' });
    });

    it('needs a + when there is no list', () => {
      expect(checkPhoneNumber('4155552671', null)).toEqual({ ok: false, reason: 'unparseable' });
      expect(checkPhoneNumber('+1 415 555 2671', null)).toMatchObject({ ok: true, e164: US_MOBILE_OR_FIXED });
    });

    it('accepts an international prefix typed instead of +', () => {
      expect(checkPhoneNumber('00 44 7400 123456', ['GB'])).toMatchObject({ ok: true, e164: UK_MOBILE });
    });
  });

  describe('accepts the usual ways of typing a number', () => {
    it.each(['+1 415 555 2671', '+1-415-555-2671', '+1 (415) 555-2671', '+1.415.555.2671', '+1\u00a0415\u00a0555\u00a02671'])('%j', (input) => {
      expect(checkPhoneNumber(input, null)).toMatchObject({ ok: true, e164: US_MOBILE_OR_FIXED });
    });

    it('reads digits of other scripts', () => {
      expect(checkPhoneNumber('\u0664\u0661\u0665\u0665\u0665\u0665\u0662\u0666\u0667\u0661', ['US'])).toMatchObject({ ok: true, e164: US_MOBILE_OR_FIXED });
    });
  });

  describe('calls anything else unparseable', () => {
    it.each([
      ['empty', ''],
      ['blank', '   '],
      ['letters', '+1 415 555 CALL'],
      ['a word', 'abc'],
      ['a number inside text', 'call +14155552671'],
      ['trailing letters', '+14155552671abc'],
      ['two pluses', '++14155552671'],
      ['a + in the middle', '1+4155552671'],
      ['an extension', '+1 415 555 2671 x12'],
      ['too short', '+1415'],
      ['too long', '+1 415 555 2671 0000000000000000000000000000'],
      // 07700 900xxx is Ofcom's range for drama: libphonenumber holds it invalid, not a real mobile.
      ['the UK drama range', '+447700900123'],
      ['an unassigned US area code', '+15555555555'],
    ])('%s', (_label, input) => {
      expect(checkPhoneNumber(input, ['US', 'GB'])).toEqual({ ok: false, reason: 'unparseable' });
    });

    it('when the first allowed country is not a country', () => {
      expect(checkPhoneNumber('4155552671', ['XX', 'US'])).toEqual({ ok: false, reason: 'unparseable' });
    });
  });
});

describe('maskPhoneNumber', () => {
  it('shows the calling code and the last four digits of a US number, as the admin pages show it', () => {
    expect(maskPhoneNumber('+14155552671')).toBe('+1 •••-•••-2671');
  });

  it.each([
    ['+447400123456', '+44 ••••-••3456'],
    ['+33612345678', '+33 •-••-••-56-78'],
    ['+12423570000', '+1 •••-•••-0000'],
  ])('%s -> %s', (e164, masked) => {
    expect(maskPhoneNumber(e164)).toBe(masked);
  });

  it('never shows more than four digits besides the calling code', () => {
    for (const e164 of ['+14155552671', '+447400123456', '+4915123456789', '+5511987654321']) {
      const masked = maskPhoneNumber(e164);
      const [callingCode, rest] = [masked.split(' ')[0], masked.split(' ').slice(1).join(' ')];
      expect(e164.startsWith(callingCode ?? '?')).toBe(true);
      expect(rest.replace(/\D/g, '')).toBe(e164.slice(-4));
    }
  });

  it('keeps only the last four digits of something that is not a number', () => {
    expect(maskPhoneNumber('garbage-123456789')).toBe('•••••6789');
  });
});

describe('countryOfNumber (the metrics label of a destination)', () => {
  it.each([
    [US_MOBILE_OR_FIXED, 'US'],
    [CA_NUMBER, 'CA'],
    [BAHAMAS_MOBILE, 'BS'],
    [JERSEY_MOBILE, 'JE'],
    [UK_MOBILE, 'GB'],
    [IRIDIUM_SATELLITE, '+881'],
    ['not a number', 'unknown'],
  ])('%s is %s, and no other digit of the number', (e164, country) => {
    expect(countryOfNumber(e164)).toBe(country);
  });
});
