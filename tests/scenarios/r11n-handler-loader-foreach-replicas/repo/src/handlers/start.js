module.exports = (bot) => {
  bot.start((ctx) => ctx.reply('Welcome to the shop'));
};
