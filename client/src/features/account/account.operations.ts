import { graphql } from '../../gql';

/* The signed-in customer's own factor changes (the server's two-factor/factor.resolver.ts). */

export const AccountFactorsFieldsFragment = graphql(`
  fragment AccountFactorsFields on AccountFactors {
    factors
    authenticatorAppAddedAt
    recoveryCodesRemaining
  }
`);

export const StartAuthenticatorAppDocument = graphql(`
  mutation StartAuthenticatorApp {
    startAuthenticatorApp {
      __typename
      ... on AuthenticatorAppSetup {
        secret
        otpauthUri
        qrCodeSvg
      }
      ...ProblemFields
    }
  }
`);

export const ConfirmAuthenticatorAppDocument = graphql(`
  mutation ConfirmAuthenticatorApp($code: String!) {
    confirmAuthenticatorApp(input: { code: $code }) {
      __typename
      ...AccountFactorsFields
      ...ProblemFields
    }
  }
`);

export const RemoveAuthenticatorAppDocument = graphql(`
  mutation RemoveAuthenticatorApp {
    removeAuthenticatorApp {
      __typename
      ...AccountFactorsFields
      ...ProblemFields
    }
  }
`);

export const NewRecoveryCodesDocument = graphql(`
  mutation NewRecoveryCodes {
    newRecoveryCodes {
      __typename
      ... on RecoveryCodeSet {
        codes
      }
      ...ProblemFields
    }
  }
`);
