const express = require('express');
const { Bot } = require('grammy');

// the site also answers the bot's /events command (a second poller on the same token)
const events = new Bot(process.env.CLUB_TOKEN);
events.command('events', (ctx) => ctx.reply('Friday 19:00'));
events.start();

express().get('/', (req, res) => res.send('club')).listen(process.env.PORT || 3000);
