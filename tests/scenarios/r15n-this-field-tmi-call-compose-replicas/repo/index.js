const { Chat } = require('./lib/chat');

const chat = new Chat({ channel: process.env.CHANNEL, username: process.env.BOT_NAME });
chat.open().catch(console.error);
