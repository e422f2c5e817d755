const { isMainThread, Worker } = require('worker_threads');
const HealthServer = require('./server');
const HelpdeskClient = require('./bot/client');

if (isMainThread) {
  const server = new HealthServer(new Worker(__filename));
  server.start();
} else {
  const bot = new HelpdeskClient();
  bot.start();
}
