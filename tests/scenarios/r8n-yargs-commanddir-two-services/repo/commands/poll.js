const { makeBot } = require('../lib/bot');

exports.command = ['poll', 'bot'];
exports.describe = 'the bot alone';
exports.handler = async () => {
  await makeBot().launch();
};
