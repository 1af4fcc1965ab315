import { useEffect, useRef } from 'react';

interface OtpCredential extends Credential {
  readonly code: string;
}

/**
 * The WebOTP API where the browser has it (Chrome on Android): it reads the code from the text
 * message (whose last line is "@host #123456") after the person agrees, and hands it over. A new
 * challenge token means a new message, so the wait starts again.
 */
export function useWebOtp(challengeToken: string, onCode: (code: string) => void): void {
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  useEffect(() => {
    if (typeof window === 'undefined' || !('OTPCredential' in window) || !navigator.credentials) return undefined;
    const abort = new AbortController();
    const request = { otp: { transport: ['sms'] }, signal: abort.signal } as CredentialRequestOptions;
    navigator.credentials
      .get(request)
      .then((credential) => {
        const code = (credential as OtpCredential | null)?.code;
        if (code && !abort.signal.aborted) onCodeRef.current(code);
      })
      .catch(() => undefined); // aborted, refused or timed out: typing the code still works
    return () => abort.abort();
  }, [challengeToken]);
}
