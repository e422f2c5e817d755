const Eris = require('eris');

// one gateway client for the whole program
module.exports = new Eris.CommandClient(process.env.DISCORD_TOKEN, { intents: ['guilds', 'guildMessages'] }, { prefix: '!' });
