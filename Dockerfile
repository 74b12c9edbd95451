# tyk-keybot: build stage compiles the TypeScript, runtime stage holds only what runs.
# Built and checked by test/deploy-files.test.ts against package.json (the test cannot pull images).
FROM node:20-bookworm-slim AS build
# better-sqlite3 falls back to compiling when no prebuilt binary can be fetched
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts/prepare.mjs scripts/prepare.mjs
COPY src src
COPY commands commands
# npm ci runs `prepare`, which builds dist/ (src/ and commands/ only); then drop the dev dependencies.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 KEYBOT_DB=/app/data/keybot.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY manifest.yml ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME /app/data
EXPOSE 3000
# node itself is PID 1's command: SIGTERM from `docker stop` reaches the bot, which drains and exits 0.
CMD ["node", "dist/src/main.js"]
