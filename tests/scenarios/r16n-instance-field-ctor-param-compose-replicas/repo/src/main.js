const { Client, GatewayIntentBits } = require("discord.js");
const { Relay } = require("./relay");

const relay = new Relay(new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] }), ["123"]);
relay.client.login(process.env.DISCORD_TOKEN);
