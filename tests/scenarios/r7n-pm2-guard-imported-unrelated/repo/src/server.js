const express = require('express');
const cron = require('node-cron');
const { isRootClusterAppInstance } = require('./shared/cluster');

const app = express();
app.get('/reports', (req, res) => res.json([]));
app.listen(8080);

if (isRootClusterAppInstance()) {
  cron.schedule('0 6 * * *', () => console.log('mailing the daily report'));
}
