const { startChat } = require('./lib/chat');

startChat((chat, channel, command) => {
  if (command === 'uptime') chat.say(channel, `up for ${Math.round(process.uptime())}s`);
});
