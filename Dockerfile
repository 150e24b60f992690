# syntax=docker/dockerfile:1
# Build stage: compiles the native SQLite binding (better-sqlite3) with the toolchain it needs.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY commands ./commands
COPY config ./config
COPY assets ./assets

# Runtime stage: no compilers, a non-root user, fonts for the charts, the data directory as a volume.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    CRONISTA_DATA=/data \
    CRONISTA_HTTP_HOST=0.0.0.0 \
    CRONISTA_HTTP_PORT=8080
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--", "node", "bin/cronista.js"]
CMD ["start"]
