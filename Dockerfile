# syntax=docker/dockerfile:1
#
# The portal: one process serving the SPA and /graphql on port 4000 (CONTRACT.md §1, `npm run serve`).
#
#   docker build -t portal-sms-2fa .
#   docker run --rm -p 4000:4000 -e DATABASE_URL=mysql://... -e SECRET_KEY=... \
#     -e SMS_PROVIDER=plivo -e PLIVO_AUTH_ID=... -e PLIVO_AUTH_TOKEN=... -e PLIVO_SENDER=... portal-sms-2fa
#   docker run --rm -e DATABASE_URL=... -e SECRET_KEY=... ... portal-sms-2fa node server/dist/cli/migrate.js
#
# docker-compose.yml beside this file runs it with MySQL 8.4.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# A compiler for native addons (better-sqlite3) in case no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# The repository's npm: it honours package.json's "allowScripts", and Vite 8 does not install with npm 10.
RUN npm install -g npm@11.19.1

# Dependencies first, so that a change of source alone reuses this layer.
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY client/package.json client/
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

ENV NODE_ENV=production \
    PORT=4000 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false

WORKDIR /app

# The same layout as the repository, so paths relative to server/dist (client/dist, migrations) hold.
# Files stay owned by root: the app user can read them, not change them.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/server ./server
COPY --from=build /app/client/package.json ./client/
COPY --from=build /app/client/dist ./client/dist

# DATA_DIR (./data) is the only place the app may write.
RUN install -d -o node -g node -m 0750 /app/data

USER node

EXPOSE 4000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["npm", "run", "serve"]
