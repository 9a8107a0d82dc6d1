# Atrium's container image: `docker build -t atrium .` (or `docker compose up -d` with compose.yaml).
# The build stage runs scripts/build-release.sh, the same script CI runs on a clean checkout: npm ci, npm run build,
# npm prune --omit=dev. The runtime stage keeps only what runs: package.json, the production node_modules, dist/
# (the compiled server and the built web apps), bin/ and scripts/ (the `atrium` command), as a user without root.

FROM node:24-slim AS build
# better-sqlite3 compiles its native module when no prebuilt binary can be downloaded
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# when it compiles, node-gyp takes the Node headers the image ships (/usr/local/include/node) instead of downloading them
ENV npm_config_nodedir=/usr/local
WORKDIR /app
COPY . .
RUN sh scripts/build-release.sh

FROM node:24-slim
# HOST: the server binds 127.0.0.1 when PUBLIC_URL is localhost (a trial install); a container listens on every interface
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    ATRIUM_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/scripts ./scripts
# `atrium <command>` (migrate, setup, sweep, backup...) inside the container; the data directory for the `node` user
RUN ln -s /app/bin/atrium.js /usr/local/bin/atrium \
  && mkdir -p /data \
  && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# ready: the database answers and the migrations are applied (GET /api/v1/health/ready)
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/v1/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server/main.js", "start"]
