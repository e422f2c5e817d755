const express = require('express');

const app = express();
app.get('/health', (req, res) => res.json({ ok: true }));

const PORT = process.env.PORT || 5000;
app.listen(PORT, () => {
  console.log(`listening on ${PORT}`);
  if (process.env.TELEGRAM_BOT_TOKEN) {
    require('./bot').launch({ webhook: { domain: process.env.PUBLIC_URL, port: 8443 } });
  }
});
