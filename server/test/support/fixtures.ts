import { demoStaff } from '../../src/portals/portal-file/demo-portal';

/** The portal file most integration tests load: two portals, so tenancy is always in play. */
export const PASSWORD = 'correct horse battery staple';
export const CAROL_PHONE = '+14155552671';

export const TEST_PORTALS = {
  portals: [
    {
      slug: 'acme',
      name: 'Acme Freight',
      twoFactorEnabled: false,
      smsCountries: ['US', 'CA', 'GB'],
      ...demoStaff({ alice: PASSWORD, dave: PASSWORD }),
      companies: [
        {
          name: 'Globex',
          customers: [
            { username: 'bob', password: PASSWORD, displayName: 'Bob', email: 'bob@globex.test' },
            { username: 'carol', password: PASSWORD, displayName: 'Carol', enrolledPhone: CAROL_PHONE },
            { username: 'dan', password: PASSWORD, displayName: 'Dan Dunn', email: 'dan@globex.test' },
          ],
        },
        {
          name: 'Initech',
          customers: [{ username: 'erin', password: PASSWORD, displayName: 'Erin', email: 'erin@initech.test' }],
        },
      ],
    },
    {
      slug: 'other',
      name: 'Other Portal',
      twoFactorEnabled: true,
      profiles: [{ name: 'Master Admin', masterAdmin: true }],
      admins: [{ username: 'oscar', password: PASSWORD, displayName: 'Oscar', profile: 'Master Admin' }],
      companies: [{ name: 'Umbrella', customers: [{ username: 'olive', password: PASSWORD, displayName: 'Olive', enrolledPhone: '+14155550100' }] }],
    },
  ],
};

export const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) {
  __typename
  ... on Authenticated { viewer { id username kind portal { slug } profile { name masterAdmin } customer { id twoFactor { status maskedPhone } } } }
  ... on EnrollmentRequired { challenge { token step expiresAt maskedPhone resendAvailableAt attemptsRemaining } }
  ... on CodeRequired { challenge { token step expiresAt maskedPhone resendAvailableAt attemptsRemaining } }
  ... on Problem { code message attemptsRemaining retryAfterSeconds }
} }`;

export const ENROLL = `mutation Enroll($input: EnrollPhoneInput!) { enrollPhone(input: $input) {
  __typename
  ... on CodeSent { challenge { token step expiresAt maskedPhone resendAvailableAt attemptsRemaining } }
  ... on Problem { code message attemptsRemaining retryAfterSeconds }
} }`;

export const CONFIRM = `mutation Confirm($input: CodeInput!) { confirmCode(input: $input) {
  __typename
  ... on ReloginRequired { message recoveryCodes }
  ... on Problem { code message attemptsRemaining retryAfterSeconds }
} }`;

export const VERIFY = `mutation Verify($input: CodeInput!) { verifyOtp(input: $input) {
  __typename
  ... on Authenticated { viewer { id username kind customer { twoFactor { status maskedPhone } } } }
  ... on Problem { code message attemptsRemaining retryAfterSeconds }
} }`;

export const RESEND = `mutation Resend($input: ResendCodeInput!) { resendCode(input: $input) {
  __typename
  ... on CodeSent { challenge { token step expiresAt maskedPhone resendAvailableAt attemptsRemaining } }
  ... on Problem { code message attemptsRemaining retryAfterSeconds }
} }`;

/** login, with what the wizard needs to offer "Remind me later" (the enrollment grace period). */
export const LOGIN_GRACE = `mutation LoginGrace($input: LoginInput!) { login(input: $input) {
  __typename
  ... on Authenticated { viewer { id username } }
  ... on EnrollmentRequired { challenge { token step } graceEndsAt graceDaysLeft }
  ... on CodeRequired { challenge { token step } }
  ... on Problem { code message }
} }`;

export const POSTPONE = `mutation Postpone($input: PostponeEnrollmentInput!) { postponeEnrollment(input: $input) {
  __typename
  ... on Authenticated { viewer { id username kind customer { twoFactor { status graceEndsAt } } } }
  ... on Problem { code message }
} }`;

export const SET_POLICY = `mutation SetPolicy($enabled: Boolean!) { setTwoFactorPolicy(input: { enabled: $enabled }) {
  enabled updatedAt customerCount enrolledCount
} }`;

export const RESET = `mutation Reset($id: ID!) { resetTwoFactor(input: { customerId: $id }) {
  id username twoFactor { status maskedPhone enrolledAt }
} }`;

export const VIEWER = `{ viewer { id username kind portal { slug } } }`;

/** The README's example portal file ("The portal file"), every password being `password`. */
export function readmeExamplePortalFile(password: string) {
  return {
    portals: [
      {
        slug: 'acme',
        name: 'Acme Freight',
        twoFactorEnabled: false,
        smsCountries: ['US', 'CA'],
        profiles: [
          { name: 'Master Admin', masterAdmin: true },
          { name: 'Dispatcher', masterAdmin: false },
        ],
        admins: [{ username: 'alice', password, displayName: 'Alice Admin', profile: 'Master Admin' }],
        companies: [
          {
            name: 'Globex',
            customers: [
              { username: 'bob', password, displayName: 'Bob', email: 'bob@globex.test' },
              { username: 'carol', password, displayName: 'Carol', enrolledPhone: '+14155552671' },
            ],
          },
        ],
      },
    ],
  };
}

export const USE_RECOVERY_CODE = `mutation UseRecoveryCode($input: CodeInput!) { useRecoveryCode(input: $input) {
  __typename
  ... on Authenticated { viewer { id username } }
  ... on Problem { code message attemptsRemaining retryAfterSeconds }
} }`;

export const START_APP = `mutation { startAuthenticatorApp {
  __typename
  ... on AuthenticatorAppSetup { secret otpauthUri qrCodeSvg }
  ... on Problem { code message }
} }`;

export const CONFIRM_APP = `mutation ConfirmApp($input: ConfirmAuthenticatorAppInput!) { confirmAuthenticatorApp(input: $input) {
  __typename
  ... on AccountFactors { factors authenticatorAppAddedAt recoveryCodesRemaining }
  ... on Problem { code message attemptsRemaining }
} }`;

export const MY_FACTORS = '{ viewer { customer { twoFactor { status factors recoveryCodesRemaining authenticatorAppAddedAt } } } }';
