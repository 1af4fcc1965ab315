import type { ErrorCode } from '../../gql/graphql';
import { customerViewer, type Mock } from '../../test/render';
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

export const PASSWORD = 'correct horse';
const HOUR_MS = 3_600_000;

export function challenge(token: string, step: 'ENROLL_PHONE' | 'CONFIRM_ENROLLMENT' | 'VERIFY_CODE' | 'VERIFY_TOTP' | 'VERIFY_PASSKEY', extra: Record<string, unknown> = {}) {
  const sent = step !== 'ENROLL_PHONE' && step !== 'VERIFY_TOTP' && step !== 'VERIFY_PASSKEY';
  return {
    __typename: 'Challenge',
    token,
    step,
    expiresAt: new Date(Date.now() + HOUR_MS).toISOString(),
    maskedPhone: sent ? '+1 •••-•••-0134' : null,
    resendAvailableAt: sent ? new Date(Date.now() - 1000).toISOString() : null,
    attemptsRemaining: sent ? 5 : null,
    passkeyOptions: null,
    ...extra,
  };
}

export function problem(code: ErrorCode, extra: { attemptsRemaining?: number | null; retryAfterSeconds?: number | null } = {}) {
  return { __typename: 'Problem', code, message: `server words for ${code}`, attemptsRemaining: null, retryAfterSeconds: null, ...extra };
}

export function loginMock(username: string, login: Record<string, unknown>, password = PASSWORD): Mock {
  return { request: { query: LoginDocument, variables: { input: { portal: 'acme', username, password } } }, result: { data: { login } } };
}

export function enrollMock(token: string, phoneNumber: string, enrollPhone: Record<string, unknown>): Mock {
  return { request: { query: EnrollPhoneDocument, variables: { input: { challengeToken: token, phoneNumber } } }, result: { data: { enrollPhone } } };
}

export function confirmMock(token: string, code: string, confirmCode: Record<string, unknown>): Mock {
  return { request: { query: ConfirmCodeDocument, variables: { input: { challengeToken: token, code } } }, result: { data: { confirmCode } } };
}

export function verifyMock(token: string, code: string, verifyOtp: Record<string, unknown>): Mock {
  return { request: { query: VerifyOtpDocument, variables: { input: { challengeToken: token, code } } }, result: { data: { verifyOtp } } };
}

export function recoveryMock(token: string, code: string, useRecoveryCode: Record<string, unknown>): Mock {
  return { request: { query: UseRecoveryCodeDocument, variables: { input: { challengeToken: token, code } } }, result: { data: { useRecoveryCode } } };
}

export function verifyPasskeyMock(token: string, response: string, verifyPasskey: Record<string, unknown>): Mock {
  return { request: { query: VerifyPasskeyDocument, variables: { input: { challengeToken: token, response } } }, result: { data: { verifyPasskey } } };
}

export function resendMock(token: string, resendCode: Record<string, unknown>): Mock {
  return { request: { query: ResendCodeDocument, variables: { input: { challengeToken: token } } }, result: { data: { resendCode } } };
}

export function postponeMock(token: string, postponeEnrollment: Record<string, unknown>): Mock {
  return { request: { query: PostponeEnrollmentDocument, variables: { input: { challengeToken: token } } }, result: { data: { postponeEnrollment } } };
}

export const authenticated = (viewer = customerViewer()) => ({ __typename: 'Authenticated', viewer });
export const RECOVERY_CODES = ['ABCDE-FGHJK', 'BCDEF-GHJKM', 'CDEFG-HJKMN', 'DEFGH-JKMNP', 'EFGHJ-KMNPQ', 'FGHJK-MNPQR', 'GHJKM-NPQRS', 'HJKMN-PQRST', 'JKMNP-QRSTU', 'KMNPQ-RSTUV'];
export const relogin = { __typename: 'ReloginRequired', message: 'Phone confirmed. Sign in again.', recoveryCodes: RECOVERY_CODES };
