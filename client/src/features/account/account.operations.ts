import { graphql } from '../../gql';

/* The signed-in customer's own factor changes (the server's two-factor/factor.resolver.ts). */

export const AccountFactorsFieldsFragment = graphql(`
  fragment AccountFactorsFields on AccountFactors {
    factors
    authenticatorAppAddedAt
    recoveryCodesRemaining
    passkeys {
      id
      synced
      createdAt
      lastUsedAt
    }
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

export const StartPasskeyDocument = graphql(`
  mutation StartPasskey {
    startPasskey {
      __typename
      ... on PasskeySetup {
        optionsJson
      }
      ...ProblemFields
    }
  }
`);

export const AddPasskeyDocument = graphql(`
  mutation AddPasskey($response: String!) {
    addPasskey(input: { response: $response }) {
      __typename
      ...AccountFactorsFields
      ...ProblemFields
    }
  }
`);

export const RemovePasskeyDocument = graphql(`
  mutation RemovePasskey($id: ID!) {
    removePasskey(input: { id: $id }) {
      __typename
      ...AccountFactorsFields
      ...ProblemFields
    }
  }
`);
