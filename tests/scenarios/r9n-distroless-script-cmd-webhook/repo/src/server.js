const http = require('http');
const { Bot, webhookCallback } = require('grammy');

const bot = new Bot(process.env.BOT_TOKEN);
bot.command('standup', (ctx) => ctx.reply('What did you do yesterday?'));
http.createServer(webhookCallback(bot, 'http')).listen(8080);
