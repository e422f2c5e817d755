const express = require('express');
const { openSocket } = require('./lib/socket');

const app = express();
let sock;
app.post('/send', async (req, res) => {
  await sock.sendMessage(req.query.to, { text: req.query.text });
  res.sendStatus(204);
});
openSocket(() => {}).then((s) => { sock = s; app.listen(process.env.PORT); });
