import { graphql } from '../../gql';

export const PolicyFieldsFragment = graphql(`
  fragment PolicyFields on TwoFactorPolicy {
    enabled
    updatedAt
    customerCount
    enrolledCount
  }
`);

export const TwoFactorPolicyDocument = graphql(`
  query TwoFactorPolicy {
    twoFactorPolicy {
      ...PolicyFields
    }
  }
`);

export const SetTwoFactorPolicyDocument = graphql(`
  mutation SetTwoFactorPolicy($enabled: Boolean!) {
    setTwoFactorPolicy(input: { enabled: $enabled }) {
      ...PolicyFields
    }
  }
`);

export const CompaniesDocument = graphql(`
  query Companies($first: Int!, $after: String, $search: String) {
    companies(first: $first, after: $after, search: $search) {
      edges {
        cursor
        node {
          id
          name
          customerCount
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CompanyDocument = graphql(`
  query Company($id: ID!) {
    company(id: $id) {
      id
      name
      customerCount
    }
  }
`);

export const CustomerRowFieldsFragment = graphql(`
  fragment CustomerRowFields on Customer {
    id
    username
    displayName
    email
    twoFactor {
      status
      maskedPhone
      enrolledAt
      lastSmsStatus
      lastSmsAt
    }
  }
`);

export const CompanyCustomersDocument = graphql(`
  query CompanyCustomers($id: ID!, $first: Int!, $after: String, $search: String, $twoFactorStatus: TwoFactorStatus) {
    company(id: $id) {
      id
      name
      customerCount
      customers(first: $first, after: $after, search: $search, twoFactorStatus: $twoFactorStatus) {
        edges {
          cursor
          node {
            ...CustomerRowFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const ResetTwoFactorDocument = graphql(`
  mutation ResetTwoFactor($customerId: ID!) {
    resetTwoFactor(input: { customerId: $customerId }) {
      ...CustomerRowFields
    }
  }
`);

export const CustomerSearchDocument = graphql(`
  query CustomerSearch($search: String!) {
    customers(first: 10, search: $search) {
      edges {
        node {
          id
          username
          displayName
        }
      }
    }
  }
`);

export const CustomerNameDocument = graphql(`
  query CustomerName($id: ID!) {
    customer(id: $id) {
      id
      username
      displayName
    }
  }
`);

export const TwoFactorEventsDocument = graphql(`
  query TwoFactorEvents($first: Int!, $after: String, $types: [TwoFactorEventType!], $customerId: ID) {
    twoFactorEvents(first: $first, after: $after, types: $types, customerId: $customerId, newestFirst: true) {
      edges {
        cursor
        node {
          id
          type
          occurredAt
          customerId
          customerUsername
          adminUsername
          ip
          detail
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ApiKeyFieldsFragment = graphql(`
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    createdBy
    createdAt
    lastUsedAt
    revokedAt
    status
  }
`);

export const ApiKeysDocument = graphql(`
  query ApiKeys {
    apiKeys {
      ...ApiKeyFields
    }
  }
`);

export const CreateApiKeyDocument = graphql(`
  mutation CreateApiKey($name: String!) {
    createApiKey(input: { name: $name }) {
      secret
      apiKey {
        ...ApiKeyFields
      }
    }
  }
`);

export const RevokeApiKeyDocument = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(input: { id: $id }) {
      id
      revokedAt
      status
    }
  }
`);
