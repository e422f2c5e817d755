const cron = require('node-cron');

function startJobs() {
  // only the process that is told to run jobs schedules them
  if (process.env.RUN_JOBS !== 'yes') return;
  cron.schedule('*/10 * * * *', () => console.log('send due reminders'));
}

module.exports = { startJobs };
