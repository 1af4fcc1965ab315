import type { DataSource } from 'typeorm';
import { ErrorCode } from '../graphql/problem.types';
import type { ChallengeService } from '../two-factor/challenge.service';
import type { PasswordStep } from './password-step';
import type { SessionService } from './session.service';
import { problem, type SignInOutcome } from './sign-in.outcome';

/** `login`: the password, then either a session or the SMS steps (CONTRACT §5). */
export class SignInService {
  constructor(
    private readonly ds: DataSource,
    private readonly password: PasswordStep,
    private readonly sessions: SessionService,
    private readonly challenges: ChallengeService,
  ) {}

  async login(input: { portal: string; username: string; password: string }, ip: string): Promise<SignInOutcome> {
    const checked = await this.password.check(input, ip);
    if (!checked.ok) {
      return checked.reason === 'rate_limited'
        ? problem(ErrorCode.RATE_LIMITED, { retryAfterSeconds: checked.retryAfterSeconds })
        : problem(ErrorCode.INVALID_CREDENTIALS);
    }
    const { account, portal } = checked;
    if (account.kind === 'admin' || !portal.twoFactorEnabled) {
      const sessionToken = await this.sessions.create(this.ds.manager, account, null);
      return { kind: 'authenticated', account, portal, sessionToken };
    }
    return this.challenges.start(account, portal, ip);
  }
}
