import type { Clock } from '../lib/clock';
import type { FactorService } from '../two-factor/factors.service';
import type { RelyingParty } from '../two-factor/webauthn';
import { matchingStep } from '../two-factor/totp-code';
import type { ChallengeRow } from './challenge.entity';
import type { ChallengeStore } from './challenge.store';
import type { CodeMatch } from './code-checker';

/**
 * The app's code, the recovery code and the passkey's assertion, as CodeChecker weighs them (checkWith): the same attempt, the
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

/**
 * A passkey's assertion: of one of the account's own passkeys of this generation (another account's
 * credential is no match), signing this challenge's WebAuthn challenge for our RP ID and origin (the
 * library checks the signature with the stored public key). Its one-use claim is the signature counter,
 * moved on only forward; the challenge's consume makes the assertion itself good for one sign-in.
 */
export function passkeyMatch(
  deps: { store: ChallengeStore; factors: FactorService; clock: Clock; rp: RelyingParty },
  c: ChallengeRow,
  responseJson: string,
): CodeMatch {
  const now = deps.clock.now();
  return {
    claims: true,
    matches: async (m) => {
      const credentialId = deps.rp.credentialIdOf(responseJson);
      if (credentialId === null || !c.passkeyChallenge) return false;
      const key = await deps.factors.passkeys.findCredential(m, c.accountId, credentialId, c.policyGeneration);
      if (!key) return false;
      const verified = await deps.rp.verifyAssertion(responseJson, c.passkeyChallenge, key);
      return verified !== null && deps.factors.passkeys.advanceCounter(m, key.id, c.policyGeneration, verified.newCounter, now);
    },
    consume: (m) => deps.store.consumeAtStep(m, c, now),
  };
}
