import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import pinoHttp from 'pino-http';
import type { Context } from '../graphql/context';
import { readOnlyApiKeys } from '../graphql/read-only-keys.plugin';
import { graphqlDurations } from '../graphql/metrics.plugin';
import { logUnexpectedErrors, makeFormatError } from '../graphql/format-error';
import { requestLimits } from '../graphql/limits';
import { oneSignInStepPerDocument } from '../graphql/one-step.rule';
import { buildAppSchema } from '../graphql/schema';
import { clientIp } from '../lib/client-ip';
import { runWithRequestId } from '../lib/request-context';
import { isDatabaseUnavailable } from '../db/unavailable';
import { answerOutagesWith503, RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE_MESSAGE, serviceUnavailable } from '../graphql/service-unavailable';
import type { Services } from '../graphql/services';
import { resolveCaller } from './caller';
import { corsForConfiguredOrigins } from './cors';
import { devOutboxRoute } from './dev-outbox.route';
import { type DatabasePing, healthRoute, readyRoute } from './health.route';
import { metricsRoute } from './metrics.route';
import { plivoWebhookRouter } from './plivo-webhook.route';
import { securityHeaders } from './security-headers';
import { SessionCookie } from './session-cookie';

const HEALTH_PATH = '/healthz';
const READY_PATH = '/readyz';

export interface App {
  readonly express: Express;
  readonly apollo: ApolloServer<Context>;
}

/** The HTTP surface: /healthz, /graphql, the Plivo webhook, the built SPA. */
export async function createApp(services: Services, database: DatabasePing, log: Logger, httpServer: Server): Promise<App> {
  const { config } = services;
  const cookie = new SessionCookie(config.secureCookies, config.sessionAbsoluteSeconds);
  const app = express();
  app.disable('x-powered-by');
  // TRUST_PROXY hops; 0 means req.ip is the socket address and X-Forwarded-For is ignored.
  app.set('trust proxy', config.trustProxyHops);

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === HEALTH_PATH || req.url === READY_PATH },
      serializers: {
        // Method and path only: query strings and bodies may carry secrets.
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  // Every line logged while this request is served carries its id, services' lines included.
  app.use((req, _res, next) => runWithRequestId(String(req.id), next));
  app.use(securityHeaders(config));
  app.get(HEALTH_PATH, healthRoute(database));
  app.get(READY_PATH, readyRoute(database));
  app.get('/metrics', metricsRoute(config.metricsToken, services.metrics));
  if (!config.production && (config.sms.provider === 'console' || !config.mail.smtpUrl)) {
    app.get('/dev/outbox', devOutboxRoute(services.sms, services.mail));
  }

  if (config.sms.provider === 'plivo') app.use(plivoWebhookRouter(config, services.deliveryReports));

  const limits = requestLimits(!config.fieldSuggestions);
  const apollo = new ApolloServer<Context>({
    schema: buildAppSchema(),
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
    includeStacktraceInErrorResponses: config.includeStackTraces,
    csrfPrevention: true,
    // index.ts owns SIGTERM/SIGINT; Apollo's own handlers re-send the signal after stopping, which ours would swallow.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    parseOptions: limits.parseOptions,
    validationRules: [oneSignInStepPerDocument, ...limits.validationRules],
    plugins: [
      ...limits.plugins,
      readOnlyApiKeys,
      logUnexpectedErrors,
      answerOutagesWith503,
      graphqlDurations(services.metrics),
      // After SIGTERM, accepted requests get SHUTDOWN_GRACE_SECONDS to finish (docs/OPERATIONS.md, Draining).
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceSeconds * 1000 }),
      // Apollo's production landing page loads unpinned script from its CDN, on our origin.
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
    formatError: makeFormatError(config.includeStackTraces, !config.fieldSuggestions),
  });
  await apollo.start();

  app.use(
    '/graphql',
    corsForConfiguredOrigins(config.corsOrigins),
    express.json({ limit: config.bodyLimitBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        const token = cookie.read(req);
        const requestLog = (req as Request & { log: Logger }).log;
        const caller = await resolveCaller(services, req, token).catch((err: unknown) => {
          if (!isDatabaseUnavailable(err)) throw err;
          requestLog.warn({ reason: (err as Error).message }, 'request failed: database unavailable');
          throw serviceUnavailable();
        });
        // Sign-in and logout say "issue" or "clear"; how the cookie is written stays here in http/.
        const session = {
          token,
          issue: (t: string) => cookie.set(res, t),
          clear: () => cookie.clear(res),
        };
        return { req, res, requestId: String(req.id), ip: clientIp(req), log: requestLog, caller, session, services };
      },
    }),
  );

  serveSpa(app);
  app.use((err: Error & { type?: string; status?: number }, req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.too.large') return res.status(413).json({ errors: [{ message: 'Request body too large.' }] });
    if (err.type === 'entity.parse.failed') return res.status(400).json({ errors: [{ message: 'Malformed JSON.' }] });
    if (isDatabaseUnavailable(err)) {
      req.log?.warn({ reason: err.message }, 'request failed: database unavailable');
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return res.status(503).json({ errors: [{ message: SERVICE_UNAVAILABLE_MESSAGE, extensions: { code: SERVICE_UNAVAILABLE } }] });
    }
    req.log?.error({ err }, 'unhandled HTTP error');
    return res.status(500).json({ errors: [{ message: 'Internal server error.' }] });
  });
  return { express: app, apollo };
}

/** The built SPA with history fallback, when client/dist exists (it does after `npm run build`). */
function serveSpa(app: Express): void {
  const dist = join(__dirname, '..', '..', '..', 'client', 'dist');
  if (!existsSync(join(dist, 'index.html'))) return;
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!graphql|healthz|webhooks|dev\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(dist, 'index.html'));
  });
}
