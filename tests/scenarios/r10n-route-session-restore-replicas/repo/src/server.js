const express = require('express');
const { openSession } = require('./sessions');

const app = express();
app.use(express.json());

app.post('/sessions/:id/start', async (req, res) => {
  await openSession(req.params.id);
  res.status(202).json({ started: req.params.id });
});

app.get('/health', (req, res) => res.send('ok'));

app.listen(Number(process.env.PORT || 3000), () => openSession('default'));
