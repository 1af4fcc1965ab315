import { randomBytes } from 'node:crypto';
import type { PortalFile } from './portal-file.schema';

export interface DemoLogin {
  readonly who: string;
  readonly username: string;
  readonly password: string;
}

/**
 * The staff of the demo portal (and of the test portal modelled on it): a Master Admin, who may turn
 * 2FA on, and a Dispatcher, who may not, so both sides of that rule can be tried.
 */
export function demoStaff(passwords: { readonly alice: string; readonly dave: string }) {
  return {
    profiles: [
      { name: 'Master Admin', masterAdmin: true },
      { name: 'Dispatcher', masterAdmin: false },
    ],
    admins: [
      { username: 'alice', password: passwords.alice, displayName: 'Alice Admin', profile: 'Master Admin' },
      { username: 'dave', password: passwords.dave, displayName: 'Dave Dispatcher', profile: 'Dispatcher' },
    ],
  };
}

/** A demo portal for the embedded default; its passwords are made fresh for each new data folder. */
export function demoPortal(): { file: PortalFile; logins: DemoLogin[] } {
  const pw = () => randomBytes(9).toString('base64url');
  const logins: DemoLogin[] = [
    { who: 'Master Admin (can turn 2FA on)', username: 'alice', password: pw() },
    { who: 'Admin without Master Admin', username: 'dave', password: pw() },
    { who: 'Customer, Globex', username: 'bob', password: pw() },
    { who: 'Customer, Globex (phone imported)', username: 'carol', password: pw() },
    { who: 'Customer, Initech', username: 'erin', password: pw() },
  ];
  const p = Object.fromEntries(logins.map((l) => [l.username, l.password]));
  const file: PortalFile = {
    portals: [
      {
        slug: 'demo',
        name: 'Demo Freight',
        twoFactorEnabled: false,
        enrollmentGraceDays: 0,
        smsCountries: ['US', 'CA', 'GB'],
        ...demoStaff({ alice: p.alice, dave: p.dave }),
        companies: [
          {
            name: 'Globex',
            customers: [
              { username: 'bob', password: p.bob, displayName: 'Bob Brown', email: 'bob@globex.test' },
              { username: 'carol', password: p.carol, displayName: 'Carol Chen', enrolledPhone: '+14155552671' },
            ],
          },
          {
            name: 'Initech',
            customers: [
              { username: 'erin', password: p.erin, displayName: 'Erin Evans', email: 'erin@initech.test' },
              { username: 'frank', password: pw(), displayName: 'Frank Fisher', email: 'frank@initech.test' },
              { username: 'grace', password: pw(), displayName: 'Grace Green' },
            ],
          },
        ],
      },
    ],
  };
  return { file, logins };
}
