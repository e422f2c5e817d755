const express = require('express');
const SessionController = require('./controllers/session');

const app = express();
app.get('/', (req, res) => res.send('gateway up'));
app.post('/session/start', SessionController.start);
app.listen(3000);
