const { Client, GatewayIntentBits } = require('discord.js');

const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
client.on('messageCreate', (message) => {
  if (message.content === '!ping') message.reply('pong');
});
client.login(process.env.BOT_TOKEN);
