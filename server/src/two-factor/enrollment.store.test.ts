import { isEnrolled } from './enrollment.store';

describe('an enrollment counts only under the generation it was made in', () => {
  it('off and on again makes it stale', () => {
    expect(isEnrolled({ phoneE164: '+14155552671', phoneGeneration: 1 }, { twoFactorGeneration: 1 })).toBe(true);
    expect(isEnrolled({ phoneE164: '+14155552671', phoneGeneration: 1 }, { twoFactorGeneration: 2 })).toBe(false);
    expect(isEnrolled({ phoneE164: null, phoneGeneration: 1 }, { twoFactorGeneration: 1 })).toBe(false);
  });
});
