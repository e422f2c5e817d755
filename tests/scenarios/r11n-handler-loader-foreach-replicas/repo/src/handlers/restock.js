const cron = require('node-cron');

module.exports = (bot) => {
  bot.command('stock', (ctx) => ctx.reply('3 left'));
  cron.schedule('*/10 * * * *', () => bot.telegram.sendMessage(process.env.ADMIN_CHAT, 'restock check'));
};
