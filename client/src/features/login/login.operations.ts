import { graphql } from '../../gql';

export const ChallengeFieldsFragment = graphql(`
  fragment ChallengeFields on Challenge {
    token
    step
    expiresAt
    maskedPhone
    resendAvailableAt
    attemptsRemaining
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

export const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      __typename
      ... on Authenticated {
        viewer {
          ...ViewerFields
        }
      }
      ... on EnrollmentRequired {
        challenge {
          ...ChallengeFields
        }
      }
      ... on CodeRequired {
        challenge {
          ...ChallengeFields
        }
      }
      ... on Problem {
        ...ProblemFields
      }
    }
  }
`);

export const EnrollPhoneDocument = graphql(`
  mutation EnrollPhone($input: EnrollPhoneInput!) {
    enrollPhone(input: $input) {
      __typename
      ... on CodeSent {
        challenge {
          ...ChallengeFields
        }
      }
      ... on Problem {
        ...ProblemFields
      }
    }
  }
`);

export const ConfirmCodeDocument = graphql(`
  mutation ConfirmCode($input: CodeInput!) {
    confirmCode(input: $input) {
      __typename
      ... on ReloginRequired {
        message
      }
      ... on Problem {
        ...ProblemFields
      }
    }
  }
`);

export const VerifyOtpDocument = graphql(`
  mutation VerifyOtp($input: CodeInput!) {
    verifyOtp(input: $input) {
      __typename
      ... on Authenticated {
        viewer {
          ...ViewerFields
        }
      }
      ... on Problem {
        ...ProblemFields
      }
    }
  }
`);

export const ResendCodeDocument = graphql(`
  mutation ResendCode($input: ResendCodeInput!) {
    resendCode(input: $input) {
      __typename
      ... on CodeSent {
        challenge {
          ...ChallengeFields
        }
      }
      ... on Problem {
        ...ProblemFields
      }
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
