const fs = require('fs');

function startJobs() {
  fs.readdirSync(__dirname, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .forEach((dir) => {
      const job = require(`./${dir}`);
      job.start();
    });
}

module.exports = { startJobs };
