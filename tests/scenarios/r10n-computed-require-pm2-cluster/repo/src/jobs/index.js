const cron = require('node-cron');

function start() {
  cron.schedule('*/15 * * * *', () => console.log('refreshing leaderboard'));
}

module.exports = { start };
