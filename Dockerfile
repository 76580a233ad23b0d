# syntax=docker/dockerfile:1
# Trailwarden: web app + background worker in one image.
#
#   docker build -t trailwarden .
#   docker run -p 3000:3000 -e DATABASE_URL=postgresql://... -e TRAILWARDEN_AUTH_SECRET=... trailwarden           # web + worker
#   docker run -e DATABASE_URL=... -e TRAILWARDEN_AUTH_SECRET=... trailwarden node bin/trailwarden.mjs worker    # extra workers
#
# AWS credentials come from the SDK's default chain (ECS task role, EKS IRSA / Pod Identity, EC2
# instance profile); never bake keys into the image. See docs/production.md.

ARG NODE_IMAGE=node:24-slim

# ---- build: all dependencies, Prisma client, production Next.js build ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# The postinstall script generates the Prisma client, so the schema and the script come first.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY . .
RUN node scripts/prisma-generate.mjs && npx next build

# ---- production dependencies only (no build tools, no test tools) ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The Prisma client is generated in the build stage and copied below; no install scripts here.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    TRAILWARDEN_HOST=0.0.0.0 \
    TRAILWARDEN_PORT=3000 \
    TRAILWARDEN_DATA_DIR=/var/lib/trailwarden
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
# `npx trailwarden` runs the TypeScript sources through tsx: the sources ship with the build.
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json /app/tsconfig.json /app/next.config.mjs /app/prisma.config.ts ./
COPY --from=build --chown=node:node /app/bin ./bin
COPY --from=build --chown=node:node /app/cli ./cli
COPY --from=build --chown=node:node /app/app ./app
COPY --from=build --chown=node:node /app/components ./components
COPY --from=build --chown=node:node /app/lib ./lib
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/proxy.ts ./proxy.ts
COPY --from=build --chown=node:node /app/.next ./.next
# `serve` rebuilds when a source file is newer than the build; the build is current by construction.
RUN touch .next/BUILD_ID && mkdir -p /var/lib/trailwarden && chown node:node /var/lib/trailwarden
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.TRAILWARDEN_PORT||3000)+'/api/health').then(r=>process.exit(r.status<500?0:1),()=>process.exit(1))"
# Migrations are applied on start. Set DATABASE_URL: without it the embedded PostgreSQL would
# keep the data inside the container.
CMD ["node", "bin/trailwarden.mjs", "serve"]
