# Build stage: full install (vite, typescript) to build the web UI and compile the server (npm run build → dist/).
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web && npm run build

# Runtime stage: production dependencies, the compiled server (dist/, run without tsx), built UI, models and demo.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg fonts-noto-cjk python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
COPY --from=build /app/dist ./dist
COPY --from=build /app/dashboard/web/dist ./dashboard/web/dist
# Runs as the image's unprivileged `node` user (uid 1000): it owns only the data directory (named volume).
RUN mkdir -p /var/lib/gridwatch && chown node:node /var/lib/gridwatch
USER node
ENV ORT_DISABLE_TELEMETRY=1 NODE_ENV=production GRIDWATCH_RUN=dist
EXPOSE 8080 1883 1935 8000
HEALTHCHECK --interval=15s --timeout=5s --retries=5 CMD node -e "fetch('http://127.0.0.1:8080/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/gridwatch.mjs"]
CMD ["start", "--config", "/etc/gridwatch/gridwatch.yaml", "--data", "/var/lib/gridwatch"]
