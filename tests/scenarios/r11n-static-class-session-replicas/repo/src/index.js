const express = require('express');
const WhatsAppService = require('./services/whatsapp');

const app = express();
app.get('/', (req, res) => res.send('gateway up'));
app.listen(3000);

WhatsAppService.connect();
