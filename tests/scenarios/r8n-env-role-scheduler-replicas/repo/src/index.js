const express = require('express');
const cron = require('node-cron');
const { Client, GatewayIntentBits } = require('discord.js');

const role = process.env.APP_ROLE;

if (role === 'jobs') {
  // invoices go out at 06:00; the discord client posts the summary
  const client = new Client({ intents: [GatewayIntentBits.Guilds] });
  client.login(process.env.BILLING_DISCORD_TOKEN);
  cron.schedule('0 6 * * *', () => console.log('send invoices'));
} else {
  express().get('/health', (req, res) => res.send('ok')).listen(8080);
}
