import { allowedFactors, factorsColumn, SecondFactor } from './second-factor';

describe('the portal choice of second factors', () => {
  it('SMS is always allowed, whatever is stored or chosen', () => {
    expect(allowedFactors({ secondFactors: 'SMS' })).toEqual([SecondFactor.SMS]);
    expect(allowedFactors({ secondFactors: 'TOTP' })).toEqual([SecondFactor.SMS, SecondFactor.TOTP]);
    expect(factorsColumn([])).toBe('SMS');
    expect(factorsColumn([SecondFactor.TOTP, SecondFactor.TOTP])).toBe('SMS,TOTP');
    expect(factorsColumn([SecondFactor.PASSKEY, SecondFactor.TOTP])).toBe('SMS,TOTP,PASSKEY');
    expect(allowedFactors({ secondFactors: 'SMS,PASSKEY' })).toEqual([SecondFactor.SMS, SecondFactor.PASSKEY]);
  });

  it('a name no longer known is dropped rather than trusted', () => {
    expect(allowedFactors({ secondFactors: 'SMS,PAPER' })).toEqual([SecondFactor.SMS]);
  });
});
