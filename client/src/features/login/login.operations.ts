import { graphql } from '../../gql';

/*
 * Every sign-in mutation answers with a union. Each member type has one fragment here and the
 * mutations list the members they can answer with, so a member's fields are written once. The
 * fragments sit on the member types themselves (never on the union): the cache matches a fragment
 * whose type condition is the object's own __typename without possibleTypes (see
 * src/apollo/union-fragments.test.ts).
 */

export const ChallengeFieldsFragment = graphql(`
  fragment ChallengeFields on Challenge {
    token
    step
    expiresAt
    maskedPhone
    resendAvailableAt
    attemptsRemaining
    passkeyOptions
  }
`);

export const ProblemFieldsFragment = graphql(`
  fragment ProblemFields on Problem {
    code
    message
    attemptsRemaining
    retryAfterSeconds
  }
`);

export const AuthenticatedFieldsFragment = graphql(`
  fragment AuthenticatedFields on Authenticated {
    viewer {
      ...ViewerFields
    }
  }
`);

export const EnrollmentRequiredFieldsFragment = graphql(`
  fragment EnrollmentRequiredFields on EnrollmentRequired {
    challenge {
      ...ChallengeFields
    }
    graceEndsAt
    graceDaysLeft
  }
`);

export const CodeRequiredFieldsFragment = graphql(`
  fragment CodeRequiredFields on CodeRequired {
    challenge {
      ...ChallengeFields
    }
  }
`);

export const CodeSentFieldsFragment = graphql(`
  fragment CodeSentFields on CodeSent {
    challenge {
      ...ChallengeFields
    }
  }
`);

export const ReloginRequiredFieldsFragment = graphql(`
  fragment ReloginRequiredFields on ReloginRequired {
    message
    recoveryCodes
  }
`);

export const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      __typename
      ...AuthenticatedFields
      ...EnrollmentRequiredFields
      ...CodeRequiredFields
      ...ProblemFields
    }
  }
`);

export const EnrollPhoneDocument = graphql(`
  mutation EnrollPhone($input: EnrollPhoneInput!) {
    enrollPhone(input: $input) {
      __typename
      ...CodeSentFields
      ...ProblemFields
    }
  }
`);

export const ConfirmCodeDocument = graphql(`
  mutation ConfirmCode($input: CodeInput!) {
    confirmCode(input: $input) {
      __typename
      ...ReloginRequiredFields
      ...ProblemFields
    }
  }
`);

export const VerifyOtpDocument = graphql(`
  mutation VerifyOtp($input: CodeInput!) {
    verifyOtp(input: $input) {
      __typename
      ...AuthenticatedFields
      ...ProblemFields
    }
  }
`);

export const UseRecoveryCodeDocument = graphql(`
  mutation UseRecoveryCode($input: CodeInput!) {
    useRecoveryCode(input: $input) {
      __typename
      ...AuthenticatedFields
      ...ProblemFields
    }
  }
`);

export const PostponeEnrollmentDocument = graphql(`
  mutation PostponeEnrollment($input: PostponeEnrollmentInput!) {
    postponeEnrollment(input: $input) {
      __typename
      ...AuthenticatedFields
      ...ProblemFields
    }
  }
`);

export const VerifyPasskeyDocument = graphql(`
  mutation VerifyPasskey($input: PasskeyAssertionInput!) {
    verifyPasskey(input: $input) {
      __typename
      ...AuthenticatedFields
      ...ProblemFields
    }
  }
`);

export const ResendCodeDocument = graphql(`
  mutation ResendCode($input: ResendCodeInput!) {
    resendCode(input: $input) {
      __typename
      ...CodeSentFields
      ...ProblemFields
    }
  }
`);

export const PublicPortalDocument = graphql(`
  query PublicPortal($slug: String!) {
    portal(slug: $slug) {
      slug
      name
      smsCountries
    }
  }
`);
