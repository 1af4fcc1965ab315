import { useApolloClient, useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { CreateApiKeyMutation, PolicyFieldsFragment, ResetTwoFactorMutation, RevokeApiKeyMutation } from '../../gql/graphql';
import { ApiKeysDocument, CreateApiKeyDocument, ResetTwoFactorDocument, RevokeApiKeyDocument, SetTwoFactorPolicyDocument } from './admin.operations';

/**
 * One hook per admin mutation. Each resolves to the mutation's answer (null when it came back empty)
 * and throws what Apollo throws (a GraphQL error carries its code, e.g. FORBIDDEN): the screens turn
 * that into words with errorCode.
 */
export type AdminAction<Input, Answer> = readonly [send: (input: Input) => Promise<Answer | null>, state: { readonly loading: boolean }];

/** Two-factor on or off for the whole portal. The policy is a cache singleton: every screen that shows it follows. */
export function useSetTwoFactorPolicy(): AdminAction<boolean, PolicyFieldsFragment> {
  const [mutate, { loading }] = useMutation(SetTwoFactorPolicyDocument);
  const send = useCallback(async (enabled: boolean) => (await mutate({ variables: { enabled } })).data?.setTwoFactorPolicy ?? null, [mutate]);
  return [send, { loading }];
}

/** Clears one customer's enrolled phone and ends their sessions; answers the customer's row as it is now. */
export function useResetTwoFactor(): AdminAction<string, ResetTwoFactorMutation['resetTwoFactor']> {
  const [mutate, { loading }] = useMutation(ResetTwoFactorDocument);
  const send = useCallback(async (customerId: string) => (await mutate({ variables: { customerId } })).data?.resetTwoFactor ?? null, [mutate]);
  return [send, { loading }];
}

/** A new API key: its secret is in this answer and nowhere else; the key itself joins the cached list. */
export function useCreateApiKey(): AdminAction<string, CreateApiKeyMutation['createApiKey']> {
  const client = useApolloClient();
  // no-cache: the secret is never written to the Apollo cache, so nothing can show it a second time.
  const [mutate, { loading }] = useMutation(CreateApiKeyDocument, { fetchPolicy: 'no-cache' });
  const send = useCallback(
    async (name: string) => {
      const created = (await mutate({ variables: { name } })).data?.createApiKey ?? null;
      if (created) {
        const apiKey = { __typename: 'ApiKey' as const, ...created.apiKey };
        client.cache.updateQuery({ query: ApiKeysDocument }, (prev) =>
          prev ? { ...prev, apiKeys: [apiKey, ...prev.apiKeys.filter((k) => k.id !== apiKey.id)] } : prev,
        );
      }
      return created;
    },
    [client, mutate],
  );
  return [send, { loading }];
}

/** Revokes a key at once; the answer's revokedAt updates the cached key. */
export function useRevokeApiKey(): AdminAction<string, RevokeApiKeyMutation['revokeApiKey']> {
  const [mutate, { loading }] = useMutation(RevokeApiKeyDocument);
  const send = useCallback(async (id: string) => (await mutate({ variables: { id } })).data?.revokeApiKey ?? null, [mutate]);
  return [send, { loading }];
}
