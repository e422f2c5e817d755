const cron = require('node-cron');
const express = require('express');

cron.schedule('0 6 * * *', async () => {
  console.log('sending the digest');
});

const app = express();
app.get('/', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 8080);
