const jobs = require('./jobs');

jobs.start({ channel: process.env.CHANNEL_ID });
