const cron = require('node-cron');

module.exports = (target) => {
  cron.schedule('0 20 * * *', () => console.log('evening digest for', target.channel));
};
