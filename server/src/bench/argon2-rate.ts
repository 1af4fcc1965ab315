import { availableParallelism } from 'node:os';
import { hashPassword, verifyPassword } from '../auth/passwords';

export interface Argon2Rate {
  readonly verifiesPerSecond: number;
  readonly inFlight: number;
  /** The parameters as the PHC string carries them, e.g. m=19456,t=2,p=1. */
  readonly parameters: string;
}

/**
 * argon2id verifies per second on all cores, with the server's own parameters: the hash comes from
 * the server's hashPassword and is checked with its verifyPassword (the parameters travel in the PHC
 * string), on libuv's thread pool as the server's are. Two calls per core keep every core busy.
 */
export async function measureArgon2(seconds: number): Promise<Argon2Rate> {
  const password = 'bench password for every customer';
  const stored = await hashPassword(password);
  const inFlight = availableParallelism() * 2;
  await Promise.all(Array.from({ length: inFlight }, () => verifyPassword(stored, password))); // warm the pool
  let done = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        if (!(await verifyPassword(stored, password))) throw new Error('argon2 verify of the right password failed');
        done += 1;
      }
    }),
  );
  const parameters = /\$(m=\d+,t=\d+,p=\d+)\$/.exec(stored)?.[1] ?? 'unknown';
  return { verifiesPerSecond: done / ((performance.now() - started) / 1000), inFlight, parameters };
}
