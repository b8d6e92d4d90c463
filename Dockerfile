# Lambdascope in a container, after Next.js's standalone example (with-docker): build once, then run
# only .next/standalone (the server and the node_modules it traces) plus the browser assets.
#   docker build -t lambdascope .
#   docker run -p 3000:3000 -e LAMBDASCOPE_TOKEN=$(openssl rand -hex 32) -e AWS_REGION=eu-west-1 lambdascope
# Bound to 0.0.0.0 inside the container, it refuses to start without access control: set
# LAMBDASCOPE_TOKEN or LAMBDASCOPE_AUTH_PROXY (README: "Deploying").
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npx next build

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    LAMBDASCOPE_CACHE_DIR=/var/cache/lambdascope
RUN mkdir -p /var/cache/lambdascope && chown node:node /var/cache/lambdascope
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
USER node
EXPOSE 3000
CMD ["node", "server.js"]
