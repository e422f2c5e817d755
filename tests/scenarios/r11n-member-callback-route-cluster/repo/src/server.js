const express = require('express');
const telegram = require('./telegram');

const app = express();
app.get('/orders', (req, res) => res.json([]));
app.post('/admin/telegram/start', telegram.start);
app.listen(process.env.PORT || 3000);
