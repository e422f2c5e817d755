const express = require('express');
const telegram = require('./telegram');

const app = express();
app.get('/orders', (req, res) => res.json([]));
app.listen(process.env.PORT || 3000, telegram.start);
