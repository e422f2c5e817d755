const { ToadScheduler, SimpleIntervalJob, AsyncTask } = require('toad-scheduler');
const { Telegram } = require('telegraf');

const telegram = new Telegram(process.env.RATES_TOKEN);
const scheduler = new ToadScheduler();

const postRates = new AsyncTask('post-rates', async () => {
  await telegram.sendMessage(process.env.RATES_CHANNEL, 'EUR/USD 1.09');
});

function startJobs() {
  scheduler.addSimpleIntervalJob(new SimpleIntervalJob({ minutes: 30 }, postRates, { id: 'rates' }));
}

module.exports = { startJobs };
