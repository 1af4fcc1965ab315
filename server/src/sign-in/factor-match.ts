import type { Clock } from '../lib/clock';
import type { FactorService } from '../two-factor/factors.service';
import { matchingStep } from '../two-factor/totp-code';
import type { ChallengeRow } from './challenge.entity';
import type { ChallengeStore } from './challenge.store';
import type { CodeMatch } from './code-checker';

/**
 * The app's code and the recovery code, as CodeChecker weighs them (checkWith): the same attempt, the
 * same account counts, the same one transaction as a texted code. Each claims its one use with a
 * conditional UPDATE before the challenge is consumed; if the consume then loses, the claim rolls back.
 */

/** An app's code of the time step ±1; a step already used (or earlier than one used) is a wrong code. */
export function totpMatch(
  deps: { store: ChallengeStore; factors: FactorService; clock: Clock },
  c: ChallengeRow,
  secret: string,
  typed: string,
): CodeMatch {
  const now = deps.clock.now();
  return {
    claims: true,
    matches: async (m) => {
      const step = matchingStep(secret, typed, now);
      return step !== null && deps.factors.totp.claimStep(m, c.accountId, c.policyGeneration, step);
    },
    consume: (m) => deps.store.consumeAtStep(m, c, now),
  };
}

/** One of the account's unused recovery codes of this generation; it is used up by the request that wins it. */
export function recoveryMatch(deps: { store: ChallengeStore; factors: FactorService; clock: Clock }, c: ChallengeRow, typed: string): CodeMatch {
  const now = deps.clock.now();
  const hashes = deps.factors.recoveryHashesOf(c.accountId, typed);
  return {
    claims: true,
    matches: async (m) => {
      if (hashes === null) return false;
      const row = await deps.factors.recovery.findUnused(m, c.accountId, hashes, c.policyGeneration);
      return row !== null && deps.factors.recovery.use(m, row.id, now);
    },
    consume: (m) => deps.store.consumeAtStep(m, c, now),
  };
}
