# syntax=docker/dockerfile:1
# The back office as a container: built once (browser app, compiled server, embedded template),
# run by node under tini as a non-root user. Docs: docs/deployment.md.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
# scripts off: `prepare` would build before the sources are here; the postgres.js patch applied by hand
RUN npm ci --ignore-scripts && npx patch-package
COPY . .
RUN node scripts/build.mjs --force && npm prune --omit=dev --ignore-scripts

FROM node:20-slim AS runtime
# tini as PID 1: forwards SIGTERM/SIGINT to node and reaps zombies; the PostgreSQL client for
# db:backup/db:restore against DATABASE_URL (pg_dump, pg_restore)
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini postgresql-client \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# what the compiled server reads at run time, beside dist/: migrations, document templates, XML schemas
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/db/migrations ./db/migrations
COPY --from=build /app/templates ./templates
COPY --from=build /app/schemas ./schemas
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/server/index.js"]
