/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ViewerFields on Viewer {\n    id\n    kind\n    username\n    displayName\n    portal {\n      slug\n      name\n      secondFactors\n    }\n    profile {\n      name\n      masterAdmin\n    }\n    customer {\n      id\n      company {\n        id\n        name\n      }\n      twoFactor {\n        status\n        maskedPhone\n        enrolledAt\n        factors\n        authenticatorAppAddedAt\n        passkeys {\n          id\n          synced\n          createdAt\n          lastUsedAt\n        }\n        recoveryCodesRemaining\n      }\n    }\n  }\n": typeof types.ViewerFieldsFragmentDoc,
    "\n  query Viewer {\n    viewer {\n      ...ViewerFields\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  fragment AccountFactorsFields on AccountFactors {\n    factors\n    authenticatorAppAddedAt\n    recoveryCodesRemaining\n    passkeys {\n      id\n      synced\n      createdAt\n      lastUsedAt\n    }\n  }\n": typeof types.AccountFactorsFieldsFragmentDoc,
    "\n  mutation StartAuthenticatorApp {\n    startAuthenticatorApp {\n      __typename\n      ... on AuthenticatorAppSetup {\n        secret\n        otpauthUri\n        qrCodeSvg\n      }\n      ...ProblemFields\n    }\n  }\n": typeof types.StartAuthenticatorAppDocument,
    "\n  mutation ConfirmAuthenticatorApp($code: String!) {\n    confirmAuthenticatorApp(input: { code: $code }) {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n": typeof types.ConfirmAuthenticatorAppDocument,
    "\n  mutation RemoveAuthenticatorApp {\n    removeAuthenticatorApp {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n": typeof types.RemoveAuthenticatorAppDocument,
    "\n  mutation NewRecoveryCodes {\n    newRecoveryCodes {\n      __typename\n      ... on RecoveryCodeSet {\n        codes\n      }\n      ...ProblemFields\n    }\n  }\n": typeof types.NewRecoveryCodesDocument,
    "\n  mutation StartPasskey {\n    startPasskey {\n      __typename\n      ... on PasskeySetup {\n        optionsJson\n      }\n      ...ProblemFields\n    }\n  }\n": typeof types.StartPasskeyDocument,
    "\n  mutation AddPasskey($response: String!) {\n    addPasskey(input: { response: $response }) {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n": typeof types.AddPasskeyDocument,
    "\n  mutation RemovePasskey($id: ID!) {\n    removePasskey(input: { id: $id }) {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n": typeof types.RemovePasskeyDocument,
    "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n": typeof types.PageInfoFieldsFragmentDoc,
    "\n  fragment CompanyFields on Company {\n    id\n    name\n    customerCount\n  }\n": typeof types.CompanyFieldsFragmentDoc,
    "\n  fragment CustomerNameFields on Customer {\n    id\n    username\n    displayName\n  }\n": typeof types.CustomerNameFieldsFragmentDoc,
    "\n  fragment PolicyFields on TwoFactorPolicy {\n    enabled\n    updatedAt\n    customerCount\n    enrolledCount\n    factors\n    enrollmentGraceDays\n    graceEndsAt\n    inGraceCount\n  }\n": typeof types.PolicyFieldsFragmentDoc,
    "\n  query TwoFactorPolicy {\n    twoFactorPolicy {\n      ...PolicyFields\n    }\n  }\n": typeof types.TwoFactorPolicyDocument,
    "\n  mutation SetTwoFactorPolicy($enabled: Boolean!) {\n    setTwoFactorPolicy(input: { enabled: $enabled }) {\n      ...PolicyFields\n    }\n  }\n": typeof types.SetTwoFactorPolicyDocument,
    "\n  mutation SetSecondFactors($factors: [SecondFactor!]!) {\n    setSecondFactors(input: { factors: $factors }) {\n      ...PolicyFields\n    }\n  }\n": typeof types.SetSecondFactorsDocument,
    "\n  mutation SetEnrollmentGraceDays($days: Int!) {\n    setEnrollmentGraceDays(days: $days) {\n      ...PolicyFields\n    }\n  }\n": typeof types.SetEnrollmentGraceDaysDocument,
    "\n  query Companies($first: Int!, $after: String, $search: String) {\n    companies(first: $first, after: $after, search: $search) {\n      edges {\n        cursor\n        node {\n          ...CompanyFields\n        }\n      }\n      pageInfo {\n        ...PageInfoFields\n      }\n    }\n  }\n": typeof types.CompaniesDocument,
    "\n  query Company($id: ID!) {\n    company(id: $id) {\n      ...CompanyFields\n    }\n  }\n": typeof types.CompanyDocument,
    "\n  fragment CustomerRowFields on Customer {\n    ...CustomerNameFields\n    email\n    twoFactor {\n      status\n      maskedPhone\n      enrolledAt\n      graceEndsAt\n      lastSmsStatus\n      lastSmsAt\n      factors\n      recoveryCodesRemaining\n    }\n  }\n": typeof types.CustomerRowFieldsFragmentDoc,
    "\n  query CompanyCustomers($id: ID!, $first: Int!, $after: String, $search: String, $twoFactorStatus: TwoFactorStatus) {\n    company(id: $id) {\n      ...CompanyFields\n      customers(first: $first, after: $after, search: $search, twoFactorStatus: $twoFactorStatus) {\n        edges {\n          cursor\n          node {\n            ...CustomerRowFields\n          }\n        }\n        pageInfo {\n          ...PageInfoFields\n        }\n      }\n    }\n  }\n": typeof types.CompanyCustomersDocument,
    "\n  mutation ResetTwoFactor($customerId: ID!) {\n    resetTwoFactor(input: { customerId: $customerId }) {\n      ...CustomerRowFields\n    }\n  }\n": typeof types.ResetTwoFactorDocument,
    "\n  query CustomerSearch($search: String!) {\n    customers(first: 10, search: $search) {\n      edges {\n        node {\n          ...CustomerNameFields\n        }\n      }\n    }\n  }\n": typeof types.CustomerSearchDocument,
    "\n  query CustomerName($id: ID!) {\n    customer(id: $id) {\n      ...CustomerNameFields\n    }\n  }\n": typeof types.CustomerNameDocument,
    "\n  query TwoFactorEvents($first: Int!, $after: String, $types: [TwoFactorEventType!], $customerId: ID) {\n    twoFactorEvents(first: $first, after: $after, types: $types, customerId: $customerId, newestFirst: true) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          occurredAt\n          customerId\n          customerUsername\n          adminUsername\n          ip\n          detail\n        }\n      }\n      pageInfo {\n        ...PageInfoFields\n      }\n    }\n  }\n": typeof types.TwoFactorEventsDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    createdBy\n    createdAt\n    lastUsedAt\n    revokedAt\n    status\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys {\n    apiKeys {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($name: String!) {\n    createApiKey(input: { name: $name }) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(input: { id: $id }) {\n      id\n      revokedAt\n      status\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  fragment ChallengeFields on Challenge {\n    token\n    step\n    expiresAt\n    maskedPhone\n    resendAvailableAt\n    attemptsRemaining\n    passkeyOptions\n  }\n": typeof types.ChallengeFieldsFragmentDoc,
    "\n  fragment ProblemFields on Problem {\n    code\n    message\n    attemptsRemaining\n    retryAfterSeconds\n  }\n": typeof types.ProblemFieldsFragmentDoc,
    "\n  fragment AuthenticatedFields on Authenticated {\n    viewer {\n      ...ViewerFields\n    }\n  }\n": typeof types.AuthenticatedFieldsFragmentDoc,
    "\n  fragment EnrollmentRequiredFields on EnrollmentRequired {\n    challenge {\n      ...ChallengeFields\n    }\n    graceEndsAt\n    graceDaysLeft\n  }\n": typeof types.EnrollmentRequiredFieldsFragmentDoc,
    "\n  fragment CodeRequiredFields on CodeRequired {\n    challenge {\n      ...ChallengeFields\n    }\n  }\n": typeof types.CodeRequiredFieldsFragmentDoc,
    "\n  fragment CodeSentFields on CodeSent {\n    challenge {\n      ...ChallengeFields\n    }\n  }\n": typeof types.CodeSentFieldsFragmentDoc,
    "\n  fragment ReloginRequiredFields on ReloginRequired {\n    message\n    recoveryCodes\n  }\n": typeof types.ReloginRequiredFieldsFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...EnrollmentRequiredFields\n      ...CodeRequiredFields\n      ...ProblemFields\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation EnrollPhone($input: EnrollPhoneInput!) {\n    enrollPhone(input: $input) {\n      __typename\n      ...CodeSentFields\n      ...ProblemFields\n    }\n  }\n": typeof types.EnrollPhoneDocument,
    "\n  mutation ConfirmCode($input: CodeInput!) {\n    confirmCode(input: $input) {\n      __typename\n      ...ReloginRequiredFields\n      ...ProblemFields\n    }\n  }\n": typeof types.ConfirmCodeDocument,
    "\n  mutation VerifyOtp($input: CodeInput!) {\n    verifyOtp(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n": typeof types.VerifyOtpDocument,
    "\n  mutation UseRecoveryCode($input: CodeInput!) {\n    useRecoveryCode(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n": typeof types.UseRecoveryCodeDocument,
    "\n  mutation PostponeEnrollment($input: PostponeEnrollmentInput!) {\n    postponeEnrollment(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n": typeof types.PostponeEnrollmentDocument,
    "\n  mutation VerifyPasskey($input: PasskeyAssertionInput!) {\n    verifyPasskey(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n": typeof types.VerifyPasskeyDocument,
    "\n  mutation ResendCode($input: ResendCodeInput!) {\n    resendCode(input: $input) {\n      __typename\n      ...CodeSentFields\n      ...ProblemFields\n    }\n  }\n": typeof types.ResendCodeDocument,
    "\n  query PublicPortal($slug: String!) {\n    portal(slug: $slug) {\n      slug\n      name\n      smsCountries\n    }\n  }\n": typeof types.PublicPortalDocument,
};
const documents: Documents = {
    "\n  fragment ViewerFields on Viewer {\n    id\n    kind\n    username\n    displayName\n    portal {\n      slug\n      name\n      secondFactors\n    }\n    profile {\n      name\n      masterAdmin\n    }\n    customer {\n      id\n      company {\n        id\n        name\n      }\n      twoFactor {\n        status\n        maskedPhone\n        enrolledAt\n        factors\n        authenticatorAppAddedAt\n        passkeys {\n          id\n          synced\n          createdAt\n          lastUsedAt\n        }\n        recoveryCodesRemaining\n      }\n    }\n  }\n": types.ViewerFieldsFragmentDoc,
    "\n  query Viewer {\n    viewer {\n      ...ViewerFields\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  fragment AccountFactorsFields on AccountFactors {\n    factors\n    authenticatorAppAddedAt\n    recoveryCodesRemaining\n    passkeys {\n      id\n      synced\n      createdAt\n      lastUsedAt\n    }\n  }\n": types.AccountFactorsFieldsFragmentDoc,
    "\n  mutation StartAuthenticatorApp {\n    startAuthenticatorApp {\n      __typename\n      ... on AuthenticatorAppSetup {\n        secret\n        otpauthUri\n        qrCodeSvg\n      }\n      ...ProblemFields\n    }\n  }\n": types.StartAuthenticatorAppDocument,
    "\n  mutation ConfirmAuthenticatorApp($code: String!) {\n    confirmAuthenticatorApp(input: { code: $code }) {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n": types.ConfirmAuthenticatorAppDocument,
    "\n  mutation RemoveAuthenticatorApp {\n    removeAuthenticatorApp {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n": types.RemoveAuthenticatorAppDocument,
    "\n  mutation NewRecoveryCodes {\n    newRecoveryCodes {\n      __typename\n      ... on RecoveryCodeSet {\n        codes\n      }\n      ...ProblemFields\n    }\n  }\n": types.NewRecoveryCodesDocument,
    "\n  mutation StartPasskey {\n    startPasskey {\n      __typename\n      ... on PasskeySetup {\n        optionsJson\n      }\n      ...ProblemFields\n    }\n  }\n": types.StartPasskeyDocument,
    "\n  mutation AddPasskey($response: String!) {\n    addPasskey(input: { response: $response }) {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n": types.AddPasskeyDocument,
    "\n  mutation RemovePasskey($id: ID!) {\n    removePasskey(input: { id: $id }) {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n": types.RemovePasskeyDocument,
    "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n": types.PageInfoFieldsFragmentDoc,
    "\n  fragment CompanyFields on Company {\n    id\n    name\n    customerCount\n  }\n": types.CompanyFieldsFragmentDoc,
    "\n  fragment CustomerNameFields on Customer {\n    id\n    username\n    displayName\n  }\n": types.CustomerNameFieldsFragmentDoc,
    "\n  fragment PolicyFields on TwoFactorPolicy {\n    enabled\n    updatedAt\n    customerCount\n    enrolledCount\n    factors\n    enrollmentGraceDays\n    graceEndsAt\n    inGraceCount\n  }\n": types.PolicyFieldsFragmentDoc,
    "\n  query TwoFactorPolicy {\n    twoFactorPolicy {\n      ...PolicyFields\n    }\n  }\n": types.TwoFactorPolicyDocument,
    "\n  mutation SetTwoFactorPolicy($enabled: Boolean!) {\n    setTwoFactorPolicy(input: { enabled: $enabled }) {\n      ...PolicyFields\n    }\n  }\n": types.SetTwoFactorPolicyDocument,
    "\n  mutation SetSecondFactors($factors: [SecondFactor!]!) {\n    setSecondFactors(input: { factors: $factors }) {\n      ...PolicyFields\n    }\n  }\n": types.SetSecondFactorsDocument,
    "\n  mutation SetEnrollmentGraceDays($days: Int!) {\n    setEnrollmentGraceDays(days: $days) {\n      ...PolicyFields\n    }\n  }\n": types.SetEnrollmentGraceDaysDocument,
    "\n  query Companies($first: Int!, $after: String, $search: String) {\n    companies(first: $first, after: $after, search: $search) {\n      edges {\n        cursor\n        node {\n          ...CompanyFields\n        }\n      }\n      pageInfo {\n        ...PageInfoFields\n      }\n    }\n  }\n": types.CompaniesDocument,
    "\n  query Company($id: ID!) {\n    company(id: $id) {\n      ...CompanyFields\n    }\n  }\n": types.CompanyDocument,
    "\n  fragment CustomerRowFields on Customer {\n    ...CustomerNameFields\n    email\n    twoFactor {\n      status\n      maskedPhone\n      enrolledAt\n      graceEndsAt\n      lastSmsStatus\n      lastSmsAt\n      factors\n      recoveryCodesRemaining\n    }\n  }\n": types.CustomerRowFieldsFragmentDoc,
    "\n  query CompanyCustomers($id: ID!, $first: Int!, $after: String, $search: String, $twoFactorStatus: TwoFactorStatus) {\n    company(id: $id) {\n      ...CompanyFields\n      customers(first: $first, after: $after, search: $search, twoFactorStatus: $twoFactorStatus) {\n        edges {\n          cursor\n          node {\n            ...CustomerRowFields\n          }\n        }\n        pageInfo {\n          ...PageInfoFields\n        }\n      }\n    }\n  }\n": types.CompanyCustomersDocument,
    "\n  mutation ResetTwoFactor($customerId: ID!) {\n    resetTwoFactor(input: { customerId: $customerId }) {\n      ...CustomerRowFields\n    }\n  }\n": types.ResetTwoFactorDocument,
    "\n  query CustomerSearch($search: String!) {\n    customers(first: 10, search: $search) {\n      edges {\n        node {\n          ...CustomerNameFields\n        }\n      }\n    }\n  }\n": types.CustomerSearchDocument,
    "\n  query CustomerName($id: ID!) {\n    customer(id: $id) {\n      ...CustomerNameFields\n    }\n  }\n": types.CustomerNameDocument,
    "\n  query TwoFactorEvents($first: Int!, $after: String, $types: [TwoFactorEventType!], $customerId: ID) {\n    twoFactorEvents(first: $first, after: $after, types: $types, customerId: $customerId, newestFirst: true) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          occurredAt\n          customerId\n          customerUsername\n          adminUsername\n          ip\n          detail\n        }\n      }\n      pageInfo {\n        ...PageInfoFields\n      }\n    }\n  }\n": types.TwoFactorEventsDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    createdBy\n    createdAt\n    lastUsedAt\n    revokedAt\n    status\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys {\n    apiKeys {\n      ...ApiKeyFields\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($name: String!) {\n    createApiKey(input: { name: $name }) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(input: { id: $id }) {\n      id\n      revokedAt\n      status\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  fragment ChallengeFields on Challenge {\n    token\n    step\n    expiresAt\n    maskedPhone\n    resendAvailableAt\n    attemptsRemaining\n    passkeyOptions\n  }\n": types.ChallengeFieldsFragmentDoc,
    "\n  fragment ProblemFields on Problem {\n    code\n    message\n    attemptsRemaining\n    retryAfterSeconds\n  }\n": types.ProblemFieldsFragmentDoc,
    "\n  fragment AuthenticatedFields on Authenticated {\n    viewer {\n      ...ViewerFields\n    }\n  }\n": types.AuthenticatedFieldsFragmentDoc,
    "\n  fragment EnrollmentRequiredFields on EnrollmentRequired {\n    challenge {\n      ...ChallengeFields\n    }\n    graceEndsAt\n    graceDaysLeft\n  }\n": types.EnrollmentRequiredFieldsFragmentDoc,
    "\n  fragment CodeRequiredFields on CodeRequired {\n    challenge {\n      ...ChallengeFields\n    }\n  }\n": types.CodeRequiredFieldsFragmentDoc,
    "\n  fragment CodeSentFields on CodeSent {\n    challenge {\n      ...ChallengeFields\n    }\n  }\n": types.CodeSentFieldsFragmentDoc,
    "\n  fragment ReloginRequiredFields on ReloginRequired {\n    message\n    recoveryCodes\n  }\n": types.ReloginRequiredFieldsFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...EnrollmentRequiredFields\n      ...CodeRequiredFields\n      ...ProblemFields\n    }\n  }\n": types.LoginDocument,
    "\n  mutation EnrollPhone($input: EnrollPhoneInput!) {\n    enrollPhone(input: $input) {\n      __typename\n      ...CodeSentFields\n      ...ProblemFields\n    }\n  }\n": types.EnrollPhoneDocument,
    "\n  mutation ConfirmCode($input: CodeInput!) {\n    confirmCode(input: $input) {\n      __typename\n      ...ReloginRequiredFields\n      ...ProblemFields\n    }\n  }\n": types.ConfirmCodeDocument,
    "\n  mutation VerifyOtp($input: CodeInput!) {\n    verifyOtp(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n": types.VerifyOtpDocument,
    "\n  mutation UseRecoveryCode($input: CodeInput!) {\n    useRecoveryCode(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n": types.UseRecoveryCodeDocument,
    "\n  mutation PostponeEnrollment($input: PostponeEnrollmentInput!) {\n    postponeEnrollment(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n": types.PostponeEnrollmentDocument,
    "\n  mutation VerifyPasskey($input: PasskeyAssertionInput!) {\n    verifyPasskey(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n": types.VerifyPasskeyDocument,
    "\n  mutation ResendCode($input: ResendCodeInput!) {\n    resendCode(input: $input) {\n      __typename\n      ...CodeSentFields\n      ...ProblemFields\n    }\n  }\n": types.ResendCodeDocument,
    "\n  query PublicPortal($slug: String!) {\n    portal(slug: $slug) {\n      slug\n      name\n      smsCountries\n    }\n  }\n": types.PublicPortalDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerFields on Viewer {\n    id\n    kind\n    username\n    displayName\n    portal {\n      slug\n      name\n      secondFactors\n    }\n    profile {\n      name\n      masterAdmin\n    }\n    customer {\n      id\n      company {\n        id\n        name\n      }\n      twoFactor {\n        status\n        maskedPhone\n        enrolledAt\n        factors\n        authenticatorAppAddedAt\n        passkeys {\n          id\n          synced\n          createdAt\n          lastUsedAt\n        }\n        recoveryCodesRemaining\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ViewerFields on Viewer {\n    id\n    kind\n    username\n    displayName\n    portal {\n      slug\n      name\n      secondFactors\n    }\n    profile {\n      name\n      masterAdmin\n    }\n    customer {\n      id\n      company {\n        id\n        name\n      }\n      twoFactor {\n        status\n        maskedPhone\n        enrolledAt\n        factors\n        authenticatorAppAddedAt\n        passkeys {\n          id\n          synced\n          createdAt\n          lastUsedAt\n        }\n        recoveryCodesRemaining\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountFactorsFields on AccountFactors {\n    factors\n    authenticatorAppAddedAt\n    recoveryCodesRemaining\n    passkeys {\n      id\n      synced\n      createdAt\n      lastUsedAt\n    }\n  }\n"): (typeof documents)["\n  fragment AccountFactorsFields on AccountFactors {\n    factors\n    authenticatorAppAddedAt\n    recoveryCodesRemaining\n    passkeys {\n      id\n      synced\n      createdAt\n      lastUsedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartAuthenticatorApp {\n    startAuthenticatorApp {\n      __typename\n      ... on AuthenticatorAppSetup {\n        secret\n        otpauthUri\n        qrCodeSvg\n      }\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartAuthenticatorApp {\n    startAuthenticatorApp {\n      __typename\n      ... on AuthenticatorAppSetup {\n        secret\n        otpauthUri\n        qrCodeSvg\n      }\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmAuthenticatorApp($code: String!) {\n    confirmAuthenticatorApp(input: { code: $code }) {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmAuthenticatorApp($code: String!) {\n    confirmAuthenticatorApp(input: { code: $code }) {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveAuthenticatorApp {\n    removeAuthenticatorApp {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveAuthenticatorApp {\n    removeAuthenticatorApp {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation NewRecoveryCodes {\n    newRecoveryCodes {\n      __typename\n      ... on RecoveryCodeSet {\n        codes\n      }\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation NewRecoveryCodes {\n    newRecoveryCodes {\n      __typename\n      ... on RecoveryCodeSet {\n        codes\n      }\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartPasskey {\n    startPasskey {\n      __typename\n      ... on PasskeySetup {\n        optionsJson\n      }\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartPasskey {\n    startPasskey {\n      __typename\n      ... on PasskeySetup {\n        optionsJson\n      }\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddPasskey($response: String!) {\n    addPasskey(input: { response: $response }) {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddPasskey($response: String!) {\n    addPasskey(input: { response: $response }) {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePasskey($id: ID!) {\n    removePasskey(input: { id: $id }) {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation RemovePasskey($id: ID!) {\n    removePasskey(input: { id: $id }) {\n      __typename\n      ...AccountFactorsFields\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n"): (typeof documents)["\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CompanyFields on Company {\n    id\n    name\n    customerCount\n  }\n"): (typeof documents)["\n  fragment CompanyFields on Company {\n    id\n    name\n    customerCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomerNameFields on Customer {\n    id\n    username\n    displayName\n  }\n"): (typeof documents)["\n  fragment CustomerNameFields on Customer {\n    id\n    username\n    displayName\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PolicyFields on TwoFactorPolicy {\n    enabled\n    updatedAt\n    customerCount\n    enrolledCount\n    factors\n    enrollmentGraceDays\n    graceEndsAt\n    inGraceCount\n  }\n"): (typeof documents)["\n  fragment PolicyFields on TwoFactorPolicy {\n    enabled\n    updatedAt\n    customerCount\n    enrolledCount\n    factors\n    enrollmentGraceDays\n    graceEndsAt\n    inGraceCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TwoFactorPolicy {\n    twoFactorPolicy {\n      ...PolicyFields\n    }\n  }\n"): (typeof documents)["\n  query TwoFactorPolicy {\n    twoFactorPolicy {\n      ...PolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTwoFactorPolicy($enabled: Boolean!) {\n    setTwoFactorPolicy(input: { enabled: $enabled }) {\n      ...PolicyFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetTwoFactorPolicy($enabled: Boolean!) {\n    setTwoFactorPolicy(input: { enabled: $enabled }) {\n      ...PolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetSecondFactors($factors: [SecondFactor!]!) {\n    setSecondFactors(input: { factors: $factors }) {\n      ...PolicyFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetSecondFactors($factors: [SecondFactor!]!) {\n    setSecondFactors(input: { factors: $factors }) {\n      ...PolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetEnrollmentGraceDays($days: Int!) {\n    setEnrollmentGraceDays(days: $days) {\n      ...PolicyFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetEnrollmentGraceDays($days: Int!) {\n    setEnrollmentGraceDays(days: $days) {\n      ...PolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Companies($first: Int!, $after: String, $search: String) {\n    companies(first: $first, after: $after, search: $search) {\n      edges {\n        cursor\n        node {\n          ...CompanyFields\n        }\n      }\n      pageInfo {\n        ...PageInfoFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Companies($first: Int!, $after: String, $search: String) {\n    companies(first: $first, after: $after, search: $search) {\n      edges {\n        cursor\n        node {\n          ...CompanyFields\n        }\n      }\n      pageInfo {\n        ...PageInfoFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Company($id: ID!) {\n    company(id: $id) {\n      ...CompanyFields\n    }\n  }\n"): (typeof documents)["\n  query Company($id: ID!) {\n    company(id: $id) {\n      ...CompanyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomerRowFields on Customer {\n    ...CustomerNameFields\n    email\n    twoFactor {\n      status\n      maskedPhone\n      enrolledAt\n      graceEndsAt\n      lastSmsStatus\n      lastSmsAt\n      factors\n      recoveryCodesRemaining\n    }\n  }\n"): (typeof documents)["\n  fragment CustomerRowFields on Customer {\n    ...CustomerNameFields\n    email\n    twoFactor {\n      status\n      maskedPhone\n      enrolledAt\n      graceEndsAt\n      lastSmsStatus\n      lastSmsAt\n      factors\n      recoveryCodesRemaining\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyCustomers($id: ID!, $first: Int!, $after: String, $search: String, $twoFactorStatus: TwoFactorStatus) {\n    company(id: $id) {\n      ...CompanyFields\n      customers(first: $first, after: $after, search: $search, twoFactorStatus: $twoFactorStatus) {\n        edges {\n          cursor\n          node {\n            ...CustomerRowFields\n          }\n        }\n        pageInfo {\n          ...PageInfoFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompanyCustomers($id: ID!, $first: Int!, $after: String, $search: String, $twoFactorStatus: TwoFactorStatus) {\n    company(id: $id) {\n      ...CompanyFields\n      customers(first: $first, after: $after, search: $search, twoFactorStatus: $twoFactorStatus) {\n        edges {\n          cursor\n          node {\n            ...CustomerRowFields\n          }\n        }\n        pageInfo {\n          ...PageInfoFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetTwoFactor($customerId: ID!) {\n    resetTwoFactor(input: { customerId: $customerId }) {\n      ...CustomerRowFields\n    }\n  }\n"): (typeof documents)["\n  mutation ResetTwoFactor($customerId: ID!) {\n    resetTwoFactor(input: { customerId: $customerId }) {\n      ...CustomerRowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerSearch($search: String!) {\n    customers(first: 10, search: $search) {\n      edges {\n        node {\n          ...CustomerNameFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerSearch($search: String!) {\n    customers(first: 10, search: $search) {\n      edges {\n        node {\n          ...CustomerNameFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerName($id: ID!) {\n    customer(id: $id) {\n      ...CustomerNameFields\n    }\n  }\n"): (typeof documents)["\n  query CustomerName($id: ID!) {\n    customer(id: $id) {\n      ...CustomerNameFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TwoFactorEvents($first: Int!, $after: String, $types: [TwoFactorEventType!], $customerId: ID) {\n    twoFactorEvents(first: $first, after: $after, types: $types, customerId: $customerId, newestFirst: true) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          occurredAt\n          customerId\n          customerUsername\n          adminUsername\n          ip\n          detail\n        }\n      }\n      pageInfo {\n        ...PageInfoFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query TwoFactorEvents($first: Int!, $after: String, $types: [TwoFactorEventType!], $customerId: ID) {\n    twoFactorEvents(first: $first, after: $after, types: $types, customerId: $customerId, newestFirst: true) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          occurredAt\n          customerId\n          customerUsername\n          adminUsername\n          ip\n          detail\n        }\n      }\n      pageInfo {\n        ...PageInfoFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    createdBy\n    createdAt\n    lastUsedAt\n    revokedAt\n    status\n  }\n"): (typeof documents)["\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    createdBy\n    createdAt\n    lastUsedAt\n    revokedAt\n    status\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys {\n    apiKeys {\n      ...ApiKeyFields\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys {\n    apiKeys {\n      ...ApiKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($name: String!) {\n    createApiKey(input: { name: $name }) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($name: String!) {\n    createApiKey(input: { name: $name }) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(input: { id: $id }) {\n      id\n      revokedAt\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(input: { id: $id }) {\n      id\n      revokedAt\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChallengeFields on Challenge {\n    token\n    step\n    expiresAt\n    maskedPhone\n    resendAvailableAt\n    attemptsRemaining\n    passkeyOptions\n  }\n"): (typeof documents)["\n  fragment ChallengeFields on Challenge {\n    token\n    step\n    expiresAt\n    maskedPhone\n    resendAvailableAt\n    attemptsRemaining\n    passkeyOptions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProblemFields on Problem {\n    code\n    message\n    attemptsRemaining\n    retryAfterSeconds\n  }\n"): (typeof documents)["\n  fragment ProblemFields on Problem {\n    code\n    message\n    attemptsRemaining\n    retryAfterSeconds\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthenticatedFields on Authenticated {\n    viewer {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  fragment AuthenticatedFields on Authenticated {\n    viewer {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EnrollmentRequiredFields on EnrollmentRequired {\n    challenge {\n      ...ChallengeFields\n    }\n    graceEndsAt\n    graceDaysLeft\n  }\n"): (typeof documents)["\n  fragment EnrollmentRequiredFields on EnrollmentRequired {\n    challenge {\n      ...ChallengeFields\n    }\n    graceEndsAt\n    graceDaysLeft\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CodeRequiredFields on CodeRequired {\n    challenge {\n      ...ChallengeFields\n    }\n  }\n"): (typeof documents)["\n  fragment CodeRequiredFields on CodeRequired {\n    challenge {\n      ...ChallengeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CodeSentFields on CodeSent {\n    challenge {\n      ...ChallengeFields\n    }\n  }\n"): (typeof documents)["\n  fragment CodeSentFields on CodeSent {\n    challenge {\n      ...ChallengeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReloginRequiredFields on ReloginRequired {\n    message\n    recoveryCodes\n  }\n"): (typeof documents)["\n  fragment ReloginRequiredFields on ReloginRequired {\n    message\n    recoveryCodes\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...EnrollmentRequiredFields\n      ...CodeRequiredFields\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...EnrollmentRequiredFields\n      ...CodeRequiredFields\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnrollPhone($input: EnrollPhoneInput!) {\n    enrollPhone(input: $input) {\n      __typename\n      ...CodeSentFields\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation EnrollPhone($input: EnrollPhoneInput!) {\n    enrollPhone(input: $input) {\n      __typename\n      ...CodeSentFields\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmCode($input: CodeInput!) {\n    confirmCode(input: $input) {\n      __typename\n      ...ReloginRequiredFields\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmCode($input: CodeInput!) {\n    confirmCode(input: $input) {\n      __typename\n      ...ReloginRequiredFields\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyOtp($input: CodeInput!) {\n    verifyOtp(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyOtp($input: CodeInput!) {\n    verifyOtp(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UseRecoveryCode($input: CodeInput!) {\n    useRecoveryCode(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation UseRecoveryCode($input: CodeInput!) {\n    useRecoveryCode(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostponeEnrollment($input: PostponeEnrollmentInput!) {\n    postponeEnrollment(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation PostponeEnrollment($input: PostponeEnrollmentInput!) {\n    postponeEnrollment(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyPasskey($input: PasskeyAssertionInput!) {\n    verifyPasskey(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyPasskey($input: PasskeyAssertionInput!) {\n    verifyPasskey(input: $input) {\n      __typename\n      ...AuthenticatedFields\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendCode($input: ResendCodeInput!) {\n    resendCode(input: $input) {\n      __typename\n      ...CodeSentFields\n      ...ProblemFields\n    }\n  }\n"): (typeof documents)["\n  mutation ResendCode($input: ResendCodeInput!) {\n    resendCode(input: $input) {\n      __typename\n      ...CodeSentFields\n      ...ProblemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicPortal($slug: String!) {\n    portal(slug: $slug) {\n      slug\n      name\n      smsCountries\n    }\n  }\n"): (typeof documents)["\n  query PublicPortal($slug: String!) {\n    portal(slug: $slug) {\n      slug\n      name\n      smsCountries\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;