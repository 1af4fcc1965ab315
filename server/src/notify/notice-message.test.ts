import { TwoFactorEventType } from '../audit/event.entity';
import { noticeMessage } from './notice-message';
import { type NoticeContext, NOTICES } from './notices';

const CONTEXT: NoticeContext = { portalName: 'Acme Freight', maskedPhone: '+1 •••-•••-2671', detail: 'sign-in locked for 15 min', happenedBefore: false };
const LETTER = { to: 'bob@globex.test', displayName: 'Bob', occurredAt: new Date('2026-12-03T17:49:52.123Z'), ip: '203.0.113.5' };

describe('the email of a notice', () => {
  it.each(Object.keys(NOTICES))('%s says what happened, when, from where and what to do', (type) => {
    const template = NOTICES[type as TwoFactorEventType];
    if (!template) throw new Error(`no template for ${type}`);
    const m = noticeMessage(template, CONTEXT, LETTER);
    expect(m.to).toBe('bob@globex.test');
    expect(m.subject).toContain('Acme Freight');
    const lines = m.text.split('\n');
    expect(lines[0]).toBe('Hello Bob,');
    expect(lines[2]).toBe(template.what(CONTEXT));
    expect(lines).toContain('When: Thursday 3 December 2026, 17:49:52 UTC');
    expect(lines).toContain('From IP address: 203.0.113.5');
    expect(lines).toContain(template.ifNotYou);
    expect(m.text).toMatch(/never contains a code/);
  });

  it('tells a first phone from a changed one, and leaves the phone out when none is enrolled', () => {
    const phone = NOTICES[TwoFactorEventType.ENROLLMENT_CONFIRMED];
    if (!phone) throw new Error('no phone notice');
    expect(phone.subject(CONTEXT)).toBe('A phone was added to your Acme Freight sign-in');
    expect(phone.subject({ ...CONTEXT, happenedBefore: true })).toBe('Your sign-in phone for Acme Freight was changed');
    expect(phone.what(CONTEXT)).toContain('(+1 •••-•••-2671)');
    expect(phone.what({ ...CONTEXT, maskedPhone: null })).toBe('A phone was confirmed for two-step sign-in to Acme Freight. Codes now go to the number.');
  });

  it('says the address is not known when the event has none', () => {
    const reset = NOTICES[TwoFactorEventType.RESET];
    if (!reset) throw new Error('no reset notice');
    expect(noticeMessage(reset, CONTEXT, { ...LETTER, ip: null }).text).toContain('From IP address: not known');
  });
});
