# syntax=docker/dockerfile:1
# Build stage: compiles the native SQLite binding (better-sqlite3) with the toolchain it needs, then the
# TypeScript (npm run build → dist/), then drops the devDependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Every dependency, TypeScript included; `prepare` builds nothing yet (scripts/build.mjs is not copied in).
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs ./scripts/build.mjs
COPY bin ./bin
COPY src ./src
COPY commands ./commands
COPY config ./config
COPY assets ./assets
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: the compiled JavaScript (no src/: bin/cronista.js runs dist/), no compilers, a non-root user,
# fonts for the charts, the data directory as a volume.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    CRONISTA_DATA=/data \
    CRONISTA_HTTP_HOST=0.0.0.0 \
    CRONISTA_HTTP_PORT=8080
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/bin ./bin
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/config ./config
COPY --from=build --chown=node:node /app/assets ./assets
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--", "node", "bin/cronista.js"]
CMD ["start"]
