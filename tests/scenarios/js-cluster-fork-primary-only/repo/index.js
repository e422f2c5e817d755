const cluster = require('node:cluster');
const http = require('node:http');
const { availableParallelism } = require('node:os');
const { Bot } = require('grammy');

const bot = new Bot(process.env.BOT_TOKEN);
bot.command('start', (ctx) => ctx.reply('hello'));

if (cluster.isPrimary) {
  for (let i = 0; i < availableParallelism(); i++) {
    cluster.fork();
  }
  cluster.on('exit', () => cluster.fork());
  bot.start();
} else {
  http.createServer((req, res) => res.end('ok')).listen(process.env.PORT || 8080);
}
