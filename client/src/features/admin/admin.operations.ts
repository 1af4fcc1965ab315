import { graphql } from '../../gql';

/** The cursor pager's answer, the same on every connection. */
export const PageInfoFieldsFragment = graphql(`
  fragment PageInfoFields on PageInfo {
    hasNextPage
    endCursor
  }
`);

/** A company as the list, its overview and its Customer Details header show it. */
export const CompanyFieldsFragment = graphql(`
  fragment CompanyFields on Company {
    id
    name
    customerCount
  }
`);

/** Enough of a customer to name them (the events filter, and the start of a Customer Details row). */
export const CustomerNameFieldsFragment = graphql(`
  fragment CustomerNameFields on Customer {
    id
    username
    displayName
  }
`);

export const PolicyFieldsFragment = graphql(`
  fragment PolicyFields on TwoFactorPolicy {
    enabled
    updatedAt
    customerCount
    enrolledCount
    factors
    enrollmentGraceDays
    graceEndsAt
    inGraceCount
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

export const SetSecondFactorsDocument = graphql(`
  mutation SetSecondFactors($factors: [SecondFactor!]!) {
    setSecondFactors(input: { factors: $factors }) {
      ...PolicyFields
    }
  }
`);

export const SetEnrollmentGraceDaysDocument = graphql(`
  mutation SetEnrollmentGraceDays($days: Int!) {
    setEnrollmentGraceDays(days: $days) {
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
          ...CompanyFields
        }
      }
      pageInfo {
        ...PageInfoFields
      }
    }
  }
`);

export const CompanyDocument = graphql(`
  query Company($id: ID!) {
    company(id: $id) {
      ...CompanyFields
    }
  }
`);

export const CustomerRowFieldsFragment = graphql(`
  fragment CustomerRowFields on Customer {
    ...CustomerNameFields
    email
    twoFactor {
      status
      maskedPhone
      enrolledAt
      graceEndsAt
      lastSmsStatus
      lastSmsAt
      factors
      recoveryCodesRemaining
    }
  }
`);

export const CompanyCustomersDocument = graphql(`
  query CompanyCustomers($id: ID!, $first: Int!, $after: String, $search: String, $twoFactorStatus: TwoFactorStatus) {
    company(id: $id) {
      ...CompanyFields
      customers(first: $first, after: $after, search: $search, twoFactorStatus: $twoFactorStatus) {
        edges {
          cursor
          node {
            ...CustomerRowFields
          }
        }
        pageInfo {
          ...PageInfoFields
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
          ...CustomerNameFields
        }
      }
    }
  }
`);

export const CustomerNameDocument = graphql(`
  query CustomerName($id: ID!) {
    customer(id: $id) {
      ...CustomerNameFields
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
        ...PageInfoFields
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
