const fs = require('fs');

function listJobs() {
  return fs.readdirSync(__dirname, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const job = require(`./${entry.name}`);
      return { name: entry.name, running: job.running };
    });
}

module.exports = { startJobs: listJobs };
