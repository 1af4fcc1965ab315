import express, { type Router } from 'express';
import type { Config } from '../config';
import { PLIVO_STATUS_PATH } from '../sms/create-sender';
import type { DeliveryReportService } from '../sms/delivery-report.service';
import { verifyPlivoWebhookSignature } from '../sms/plivo.adapter';

const WEBHOOK_BODY_LIMIT = '20kb';

/**
 * Plivo's delivery reports. The signature is checked against the callback URL we gave Plivo (from
 * PUBLIC_URL, not from request headers an attacker controls); anything unsigned is 403 and ignored.
 */
export function plivoWebhookRouter(config: Config, reports: DeliveryReportService): Router {
  const router = express.Router();
  router.post(
    PLIVO_STATUS_PATH,
    express.urlencoded({ extended: false, limit: WEBHOOK_BODY_LIMIT }),
    express.json({ limit: WEBHOOK_BODY_LIMIT }),
    async (req, res) => {
      const params = reportParams(req.body);
      if (!params) {
        // Plivo posts flat string fields; anything else is not a report, and not a fault of ours.
        req.log?.warn('plivo webhook with a body that is not flat string fields');
        res.status(400).json({ error: 'malformed report' });
        return;
      }
      const signed = verifyPlivoWebhookSignature({
        url: `${config.publicUrl}${PLIVO_STATUS_PATH}`,
        method: 'POST',
        params,
        headers: req.headers as Record<string, string>,
        authToken: config.sms.plivoAuthToken,
      });
      if (!signed) {
        req.log?.warn('plivo webhook with a bad or missing signature');
        res.status(403).json({ error: 'bad signature' });
        return;
      }
      const nonce = (req.headers['x-plivo-signature-v3-nonce'] ?? req.headers['x-plivo-signature-v2-nonce']) as string | undefined;
      const outcome = await reports.record({
        messageUuid: first(params.MessageUUID),
        status: first(params.Status),
        errorCode: first(params.ErrorCode) || null,
        nonce: nonce ?? null,
      });
      // 200 for unknown and replayed too: Plivo would otherwise retry a report we will never use.
      res.status(200).json({ outcome });
    },
  );
  return router;
}

type ReportParams = Record<string, string | string[]>;

/** The body as Plivo sends it (string fields, a repeated field as a list of strings), or null. */
function reportParams(body: unknown): ReportParams | null {
  if (body === undefined) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  for (const value of Object.values(body)) {
    const ok = typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!ok) return null;
  }
  return body as ReportParams;
}

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
