const express = require('express');

const app = express();
app.get('/health', (req, res) => res.send('ok'));

app.listen(process.env.PORT || 3000, () => {
  // the bot is loaded once the shop API is up; Telegram pushes updates to its webhook
  import('./bot.js').then((m) => m.bot.launch({
    webhook: { domain: process.env.PUBLIC_URL, port: Number(process.env.BOT_PORT || 8443) },
  }));
});
