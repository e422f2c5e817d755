const path = require('node:path');
const { Client, GatewayIntentBits } = require('discord.js');

const client = new Client({ intents: [GatewayIntentBits.Guilds] });

// digest.js is switched off: only the listed events are loaded
for (const name of ['interactionCreate']) {
  const event = require(path.join(__dirname, 'events', `${name}.js`));
  client.on(event.name, (...args) => event.execute(...args));
}

client.login(process.env.DISCORD_TOKEN);
