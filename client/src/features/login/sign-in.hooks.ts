import type { TypedDocumentNode } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type {
  CodeInput,
  ConfirmCodeMutation,
  EnrollPhoneInput,
  EnrollPhoneMutation,
  LoginInput,
  LoginMutation,
  PasskeyAssertionInput,
  PostponeEnrollmentInput,
  PostponeEnrollmentMutation,
  ResendCodeInput,
  ResendCodeMutation,
  UseRecoveryCodeMutation,
  VerifyOtpMutation,
  VerifyPasskeyMutation,
} from '../../gql/graphql';
import {
  ConfirmCodeDocument,
  EnrollPhoneDocument,
  LoginDocument,
  PostponeEnrollmentDocument,
  ResendCodeDocument,
  UseRecoveryCodeDocument,
  VerifyOtpDocument,
  VerifyPasskeyDocument,
} from './login.operations';

/**
 * One hook per sign-in mutation. Each resolves to the step's answer (a member of the step's union), or
 * to null when there is none: the request failed on the way (network, a server error) or came back
 * empty. The screens say the same words for both, so they never see a throw.
 */
export type SignInStep<Input, Answer> = readonly [send: (input: Input) => Promise<Answer | null>, state: { readonly loading: boolean }];

export function useLogin(): SignInStep<LoginInput, LoginMutation['login']> {
  return useSignInStep(LoginDocument, 'login');
}

export function useEnrollPhone(): SignInStep<EnrollPhoneInput, EnrollPhoneMutation['enrollPhone']> {
  return useSignInStep(EnrollPhoneDocument, 'enrollPhone');
}

export function useConfirmCode(): SignInStep<CodeInput, ConfirmCodeMutation['confirmCode']> {
  return useSignInStep(ConfirmCodeDocument, 'confirmCode');
}

export function useVerifyOtp(): SignInStep<CodeInput, VerifyOtpMutation['verifyOtp']> {
  return useSignInStep(VerifyOtpDocument, 'verifyOtp');
}

export function useUseRecoveryCode(): SignInStep<CodeInput, UseRecoveryCodeMutation['useRecoveryCode']> {
  return useSignInStep(UseRecoveryCodeDocument, 'useRecoveryCode');
}

export function useVerifyPasskey(): SignInStep<PasskeyAssertionInput, VerifyPasskeyMutation['verifyPasskey']> {
  return useSignInStep(VerifyPasskeyDocument, 'verifyPasskey');
}

export function useResendCode(): SignInStep<ResendCodeInput, ResendCodeMutation['resendCode']> {
  return useSignInStep(ResendCodeDocument, 'resendCode');
}

/** "Remind me later", during the portal's enrollment grace period. */
export function usePostponeEnrollment(): SignInStep<PostponeEnrollmentInput, PostponeEnrollmentMutation['postponeEnrollment']> {
  return useSignInStep(PostponeEnrollmentDocument, 'postponeEnrollment');
}

function useSignInStep<Data, Input, Field extends keyof Data>(document: TypedDocumentNode<Data, { input: Input }>, field: Field): SignInStep<Input, Data[Field]> {
  const [mutate, { loading }] = useMutation(document);
  const send = useCallback(
    async (input: Input): Promise<Data[Field] | null> => {
      try {
        const { data } = await mutate({ variables: { input } });
        return data ? data[field] : null;
      } catch {
        return null;
      }
    },
    [mutate, field],
  );
  return [send, { loading }];
}
