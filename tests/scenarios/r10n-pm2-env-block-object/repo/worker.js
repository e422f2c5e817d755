const cron = require('node-cron');

cron.schedule('0 9 * * 1-5', () => console.log(`standup reminder for ${process.env.TEAM_CHANNEL}`));
