# tyk-keybot: the build stage compiles the TypeScript, the runtime-deps stage installs the production
# dependencies on that build, and the runtime stage holds only what runs, as a non-root user.
# test/deploy/dockerfile.test.ts checks these commands against package.json (images cannot be pulled there).
FROM node:20-bookworm-slim AS build
# better-sqlite3 falls back to compiling when no prebuilt binary can be fetched
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts/prepare.mjs scripts/prepare.mjs
COPY src src
# Compiling needs no native module: install without scripts, then build dist/ (src/ only).
RUN npm ci --ignore-scripts --no-audit --no-fund && npm run build

FROM build AS runtime-deps
# Production dependencies only, with the compiler at hand for better-sqlite3; `prepare` keeps the build in dist/.
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 KEYBOT_DB=/app/data/keybot.db
WORKDIR /app
COPY --from=runtime-deps /app/package.json ./
COPY --from=runtime-deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY manifest.yml ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME /app/data
EXPOSE 3000
# node itself is PID 1's command: SIGTERM from `docker stop` reaches the bot, which drains and exits 0.
CMD ["node", "dist/src/main.js"]
