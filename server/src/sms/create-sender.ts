import type { Config } from '../config';
import { ConsoleSmsSender } from './console.sender';
import { PlivoSmsSender } from './plivo.adapter';
import type { SmsSender } from './sms-sender';

export const PLIVO_STATUS_PATH = '/webhooks/plivo/status';

export function createSmsSender(config: Config): SmsSender {
  if (config.sms.provider === 'console') return new ConsoleSmsSender();
  return new PlivoSmsSender({
    authId: config.sms.plivoAuthId,
    authToken: config.sms.plivoAuthToken,
    sender: config.sms.plivoSender,
    apiUrl: config.sms.plivoApiUrl,
    timeoutSeconds: config.sms.plivoTimeoutSeconds,
    statusCallbackUrl: `${config.publicUrl}${PLIVO_STATUS_PATH}`,
  });
}
