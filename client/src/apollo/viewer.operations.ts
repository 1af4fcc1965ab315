import { graphql } from '../gql';

export const ViewerFieldsFragment = graphql(`
  fragment ViewerFields on Viewer {
    id
    kind
    username
    displayName
    portal {
      slug
      name
      secondFactors
    }
    profile {
      name
      masterAdmin
    }
    customer {
      id
      company {
        id
        name
      }
      twoFactor {
        status
        maskedPhone
        enrolledAt
        factors
        authenticatorAppAddedAt
        passkeys {
          id
          synced
          createdAt
          lastUsedAt
        }
        recoveryCodesRemaining
      }
    }
  }
`);

export const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      ...ViewerFields
    }
  }
`);

export const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);
