FROM node:20-alpine AS base
WORKDIR /app

FROM base AS server-builder
COPY backend/package.json ./
RUN npm install
COPY backend/ ./
RUN npm run build

FROM base AS runner
COPY --from=server-builder /app/node_modules ./node_modules
COPY --from=server-builder /app/dist ./dist
CMD ["node", "./dist/src/server.js"]
