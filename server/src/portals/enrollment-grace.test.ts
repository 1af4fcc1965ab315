import { DAY_MS, graceDaysLeft, graceEndsAt, graceRunning } from './enrollment-grace';

const ON_AT = new Date('2026-03-01T09:00:00.000Z');
const portal = (over: Partial<{ twoFactorEnabled: boolean; twoFactorEnabledAt: Date | null; enrollmentGraceDays: number }> = {}) => ({
  twoFactorEnabled: true,
  twoFactorEnabledAt: ON_AT,
  enrollmentGraceDays: 7,
  ...over,
});
const at = (ms: number) => new Date(ON_AT.getTime() + ms);

describe('the enrollment grace deadline', () => {
  it('is N days after the policy was last turned on', () => {
    expect(graceEndsAt(portal())).toEqual(at(7 * DAY_MS));
  });

  it('does not exist with 0 days, with the policy off, or when it was never turned on', () => {
    expect(graceEndsAt(portal({ enrollmentGraceDays: 0 }))).toBeNull();
    expect(graceEndsAt(portal({ twoFactorEnabled: false }))).toBeNull();
    expect(graceEndsAt(portal({ twoFactorEnabledAt: null }))).toBeNull();
  });

  it('runs until just before the deadline; at it, it is over', () => {
    expect(graceRunning(portal(), at(7 * DAY_MS - 1))).toEqual(at(7 * DAY_MS));
    expect(graceRunning(portal(), at(7 * DAY_MS))).toBeNull();
    expect(graceRunning(portal(), at(8 * DAY_MS))).toBeNull();
  });

  it('counts whole days left, rounded up, never below 1 while it runs', () => {
    const ends = at(7 * DAY_MS);
    expect(graceDaysLeft(ends, at(0))).toBe(7);
    expect(graceDaysLeft(ends, at(1))).toBe(7);
    expect(graceDaysLeft(ends, at(6 * DAY_MS))).toBe(1);
    expect(graceDaysLeft(ends, at(7 * DAY_MS - 1))).toBe(1);
    expect(graceDaysLeft(ends, at(4.5 * DAY_MS))).toBe(3);
  });
});
