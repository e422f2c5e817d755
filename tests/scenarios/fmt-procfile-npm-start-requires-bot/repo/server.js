const express = require('express');
require('./bot');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000);
