const { client } = require('./client');

client.on('ready', () => console.log(`logged in as ${client.user.tag}`));
