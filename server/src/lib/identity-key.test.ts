import { hasRefusedIdentifierCharacter, hasRefusedNameCharacter, identityKey } from './identity-key';

describe('identityKey: one normal form for usernames and slugs', () => {
  it('folds case, compatibility forms (fullwidth) and surrounding white space into one key', () => {
    for (const spelling of ['mallory', 'MALLORY', 'Mallory', ' mallory ', '\u3000mallory', 'ｍａｌｌｏｒｙ', 'ＭＡＬＬＯＲＹ']) {
      expect(identityKey(spelling)).toBe('mallory');
    }
    expect(identityKey('ＢＥＴＡ')).toBe('beta');
  });

  it('keeps accents: "mállory" is another name (NFKC does not strip them), whichever way it is composed', () => {
    expect(identityKey('mállory')).not.toBe('mallory');
    expect(identityKey('ma\u0301llory')).toBe(identityKey('m\u00e1llory'));
    expect(identityKey('betá')).not.toBe('beta');
  });

  it('is lower-casing, not full folding: "ß" and "ss", "ı" and "i" stay apart', () => {
    expect(identityKey('STRASSE')).toBe('strasse');
    expect(identityKey('straße')).toBe('straße');
    expect(identityKey('ı')).not.toBe(identityKey('i'));
  });

  it('is its own fixed point, so a key looked up again finds itself', () => {
    for (const s of ['Zoë', 'ＭＡＬＬＯＲＹ', '\uFDFA', 'İstanbul', 'ǄEMAL', 'ΣΊΣΥΦΟΣ', 'Ⅻ', '㍿']) {
      expect(identityKey(identityKey(s))).toBe(identityKey(s));
    }
  });
});

describe('characters refused in usernames and slugs', () => {
  const refused: Array<[string, string]> = [
    ['zero-width space', 'mallory\u200b'],
    ['zero-width non-joiner', 'mal\u200clory'],
    ['zero-width joiner', 'mal\u200dlory'],
    ['byte order mark', '\ufeffmallory'],
    ['soft hyphen', 'mal\u00adlory'],
    ['word joiner', 'mal\u2060lory'],
    ['right-to-left override', '\u202emallory'],
    ['left-to-right embedding', '\u202amallory'],
    ['first strong isolate', '\u2068mallory\u2069'],
    ['left-to-right mark', 'mallory\u200e'],
    ['right-to-left mark', 'mallory\u200f'],
    ['Arabic letter mark', 'mallory\u061c'],
    ['ESC (a terminal command)', 'mallory\u001b[31m'],
    ['NUL', 'mal\u0000lory'],
    ['tab', 'mal\tlory'],
    ['DEL', 'mallory\u007f'],
    ['C1 control', 'mallory\u009b'],
    ['line separator', 'mal\u2028lory'],
    ['variation selector', 'mallory\ufe0f'],
    ['Hangul filler', 'mal\u3164lory'],
    ['lone surrogate', 'mal\ud800lory'],
    ['private use', 'mal\ue000lory'],
    ['tag character', 'mallory\u{e0041}'],
  ];
  it.each(refused)('refuses a %s', (_what, name) => {
    expect(hasRefusedIdentifierCharacter(name)).toBe(true);
  });

  it('accepts ordinary names in any script, with accents, digits and punctuation', () => {
    for (const ok of ['mallory', 'Zoë', 'mállory', 'o’brien', 'jean-luc.picard', 'bob@globex.test', '李小龙', 'Σωκράτης', 'ｍａｌｌｏｒｙ', 'x_1']) {
      expect(hasRefusedIdentifierCharacter(ok)).toBe(false);
    }
  });
});

describe('characters refused in display names', () => {
  it('refuses controls and bidi controls', () => {
    for (const bad of ['Acme\u001b[2J', 'Acme\nFreight', 'Acme\u0007', '\u202eemca', 'Acme\u2066x\u2069', 'Acme\u200f', 'Acme\u2029']) {
      expect(hasRefusedNameCharacter(bad)).toBe(true);
    }
  });
  it('keeps what names need, zero-width joiners included', () => {
    for (const ok of ['Acme Freight', 'Zoë Ångström', 'می‌خواهم', '👩\u200d💻 Team', 'O’Brien & Sons']) {
      expect(hasRefusedNameCharacter(ok)).toBe(false);
    }
  });
});
