import { SecretBox } from './secret-box';

const KEY = 'secret-box-test-key-0123456789abcdef-current';
const OLD = 'secret-box-test-key-0123456789abcdef-previous';

describe('SecretBox', () => {
  it('opens what it sealed, and the box holds no plain text', () => {
    const box = new SecretBox('totp', KEY);
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed.box).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('a box sealed under the previous key opens while rotating, and is stale; under neither key it does not open', () => {
    const before = new SecretBox('totp', OLD).seal('secret');
    const rotating = new SecretBox('totp', KEY, OLD);
    expect(rotating.open(before)).toBe('secret');
    expect(rotating.isStale(before.keyId)).toBe(true);
    expect(new SecretBox('totp', KEY).open(before)).toBeNull();
  });

  it('an altered box, or one of another purpose, does not open', () => {
    const box = new SecretBox('totp', KEY);
    const sealed = box.seal('secret');
    const [iv, tag, ct] = sealed.box.split('.');
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] ^= 1;
    expect(box.open({ ...sealed, box: [iv, tag, flipped.toString('base64url')].join('.') })).toBeNull();
    expect(new SecretBox('other', KEY).open(sealed)).toBeNull();
  });
});
