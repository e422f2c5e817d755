import tmi from 'tmi.js';

export const chat = tmi.client({
  connection: { reconnect: true, secure: true },
  identity: { username: 'relaybot', password: process.env.TMI_PASSWORD },
  channels: ['#somechannel'],
});

chat.on('chat', (channel, user, message) => console.log(channel, user['display-name'], message));
