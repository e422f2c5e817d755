const tmi = require('tmi.js');

function startChat(onCommand) {
  const chat = new tmi.Client({
    identity: { username: process.env.TWITCH_USERNAME, password: process.env.TWITCH_TOKEN },
    channels: [process.env.TWITCH_CHANNEL],
  });
  chat.on('message', (channel, tags, text, self) => {
    if (!self && text.startsWith('!')) onCommand(chat, channel, text.slice(1));
  });
  return chat.connect();
}

module.exports = { startChat };
