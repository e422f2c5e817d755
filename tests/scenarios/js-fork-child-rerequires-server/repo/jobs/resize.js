// the job needs the shared app config, so it pulls in the server module
const server = require('../server');

process.on('message', (job) => {
  process.send({ done: job.id });
});
