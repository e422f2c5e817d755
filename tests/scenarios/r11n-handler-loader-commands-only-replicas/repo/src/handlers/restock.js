module.exports = (bot) => {
  bot.command('stock', (ctx) => ctx.reply('3 left'));
};
