const express = require('express');

const app = express();
app.get('/health', (req, res) => res.send('ok'));

app.listen(process.env.PORT || 3000, () => {
  // the bot is loaded once the shop API is up
  import('./bot.js').then((m) => m.bot.launch());
});
