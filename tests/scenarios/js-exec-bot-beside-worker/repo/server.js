const express = require('express');
const { exec } = require('child_process');

const app = express();
app.get('/', (req, res) => res.send('shop'));
app.listen(process.env.PORT || 3000, () => {
  // keep the bot alive next to the web app
  exec('node bot.js >> logs/bot.log 2>&1', (err) => err && console.error(err));
});
