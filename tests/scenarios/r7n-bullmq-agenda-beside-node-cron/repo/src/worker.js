const { Queue, Worker } = require('bullmq');
const Agenda = require('agenda');

const connection = { host: 'redis', port: 6379 };
const digests = new Queue('digests', { connection });

// a repeatable job: Redis keeps one schedule however many workers add it
digests.add('daily-digest', {}, { repeat: { pattern: '0 8 * * *' }, jobId: 'daily-digest' });
new Worker('digests', async (job) => console.log('sending', job.name), { connection });

// Agenda locks each job in MongoDB: one worker runs it
const agenda = new Agenda({ db: { address: 'mongodb://mongo/agenda' } });
agenda.define('cleanup', async () => console.log('cleanup'));
(async () => {
  await agenda.start();
  await agenda.every('1 hour', 'cleanup');
})();

// and an in-process timer: every replica fires it
const cron = require('node-cron');
cron.schedule('*/10 * * * *', () => console.log('refreshing prices'));
