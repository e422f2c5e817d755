const { CronJob } = require('cron');

module.exports = new CronJob('0 0 3 * * *', () => console.log('purging expired sessions'));
