const tmi = require('tmi.js');

const client = new tmi.Client({
  options: { debug: false },
  identity: { username: process.env.TWITCH_BOT_NAME, password: process.env.TWITCH_OAUTH_TOKEN },
  channels: (process.env.TWITCH_CHANNELS || '').split(','),
});

client.on('message', (channel, tags, text, self) => {
  if (self) return;
  if (text.trim() === '!dice') {
    client.say(channel, `@${tags.username} rolled ${1 + Math.floor(Math.random() * 6)}`);
  }
});

client.connect().catch((err) => console.error('chat connection failed', err));
