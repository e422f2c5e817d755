const express = require('express');
const cron = require('node-cron');

const app = express();
app.get('/orders', (req, res) => res.json([]));
app.listen(process.env.PORT || 4000);

const instanceId = process.env.INSTANCE_ID;
if (instanceId === undefined || instanceId === '0') {
  cron.schedule('*/15 * * * *', () => console.log('syncing the stock'));
}
