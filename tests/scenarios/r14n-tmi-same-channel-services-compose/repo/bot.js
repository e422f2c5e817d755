const tmi = require('tmi.js');

const client = new tmi.Client({
  identity: { username: 'modhelper', password: process.env.TWITCH_OAUTH },
  channels: [process.env.TWITCH_CHANNEL],
});

client.on('message', (channel, tags, text, self) => {
  if (!self && text === '!rules') client.say(channel, 'Be kind. No spoilers.');
});

client.connect();
