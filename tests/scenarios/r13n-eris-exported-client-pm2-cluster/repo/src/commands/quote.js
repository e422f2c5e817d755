module.exports = (bot) => {
  bot.registerCommand('quote', () => 'Nothing is certain but change.');
};
