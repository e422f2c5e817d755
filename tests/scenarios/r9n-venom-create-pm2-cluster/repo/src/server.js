const express = require('express');
const { connect } = require('./whatsapp');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000);
connect();
