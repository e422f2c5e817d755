FROM node:22-slim
WORKDIR /srv
COPY . .
CMD ["node", "src/poller.js"]
