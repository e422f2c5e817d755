const fs = require('fs');
const { join } = require('path');

module.exports.start = (...args) => {
  fs.readdir(__dirname, (err, files) => {
    if (err) throw err;
    for (const job of files.filter((file) => file.endsWith('-job.js'))) {
      const jobPath = join(__dirname, job);
      require(jobPath)(...args);
    }
  });
};
