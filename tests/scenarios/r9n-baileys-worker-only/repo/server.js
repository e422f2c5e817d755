const express = require('express');
const { Queue } = require('./lib/queue');

const app = express();
const outbox = new Queue();
app.post('/send', (req, res) => {
  outbox.push({ to: req.query.to, text: req.query.text });
  res.sendStatus(202);
});
app.listen(process.env.PORT);
