import { codeMessageText } from './sms-message';

const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const nonGsm7 = (text: string): string[] => [...text].filter((c) => !GSM7_BASIC.has(c));
const lastLine = (text: string): string => text.split('\n').at(-1) ?? '';

const base = { portalName: 'Acme Freight', code: '042917', publicUrl: 'https://portal.acme.example', purpose: 'login' } as const;

describe('codeMessageText', () => {
  it('names the portal and carries the code, leading zero kept', () => {
    const text = codeMessageText(base);
    expect(text).toContain('Acme Freight');
    expect(text.startsWith('042917 ')).toBe(true);
  });

  it('says what the code is for', () => {
    expect(codeMessageText(base)).toMatch(/sign-in/);
    expect(codeMessageText({ ...base, purpose: 'enroll' })).toMatch(/confirm this phone/);
  });

  it('ends with the autofill line for the public host', () => {
    expect(lastLine(codeMessageText(base))).toBe('@portal.acme.example #042917');
  });

  it('leaves the port and the path out of the autofill line', () => {
    expect(lastLine(codeMessageText({ ...base, publicUrl: 'http://localhost:4000' }))).toBe('@localhost #042917');
    expect(lastLine(codeMessageText({ ...base, publicUrl: 'https://Portal.Example.com:8443/app/' }))).toBe(
      '@portal.example.com #042917',
    );
  });

  it('fits one GSM-7 segment for a typical name and host', () => {
    for (const purpose of ['login', 'enroll'] as const) {
      const text = codeMessageText({ ...base, purpose, portalName: 'Globex Logistics Customer Portal' });
      expect(text.length).toBeLessThanOrEqual(160);
      expect(nonGsm7(text)).toEqual([]);
    }
  });

  it('drops characters outside GSM-7 instead of turning the message into UCS-2', () => {
    const text = codeMessageText({ ...base, portalName: '“Acme” 🚚 Freight™ — Ünited' });
    expect(nonGsm7(text)).toEqual([]);
    expect(text).toContain('Acme Freight Ünited');
  });

  it('folds accented letters GSM-7 lacks to their base letter', () => {
    expect(codeMessageText({ ...base, portalName: 'Société Générale Façade' })).toContain('Société Générale Facade');
    expect(codeMessageText({ ...base, portalName: 'Łódź Transport' })).toContain('Lodz Transport');
  });

  it('keeps a name that has nothing GSM-7 readable out of the text without breaking it', () => {
    const text = codeMessageText({ ...base, portalName: '東京物流' });
    expect(text.startsWith('042917 is your sign-in code.')).toBe(true);
    expect(nonGsm7(text)).toEqual([]);
  });

  it('truncates a long name', () => {
    const longName = 'The Extraordinarily Long Named International Freight Forwarding Company of Springfield';
    const text = codeMessageText({ ...base, portalName: longName });
    expect(text).toContain('The Extraordinarily Long Named...');
    expect(text).not.toContain('Springfield');
    expect(text.length).toBeLessThanOrEqual(160);
  });

  it('shortens the name further, never the host, when a long host would pass 160', () => {
    const publicUrl = `https://${'sub.'.repeat(15)}example.com`;
    const text = codeMessageText({ ...base, purpose: 'enroll', publicUrl, portalName: 'Globex Logistics Customer Portal' });
    expect(text.length).toBe(160);
    expect(lastLine(text)).toBe(`@${'sub.'.repeat(15)}example.com #042917`);
  });

  it('cannot be tricked into another last line by the portal name', () => {
    const text = codeMessageText({ ...base, portalName: 'Acme\n@evil.example #999999' });
    expect(lastLine(text)).toBe('@portal.acme.example #042917');
  });

  it('refuses a code that is not six digits', () => {
    expect(() => codeMessageText({ ...base, code: '12345' })).toThrow();
    expect(() => codeMessageText({ ...base, code: '12 456' })).toThrow();
  });
});
