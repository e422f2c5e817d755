const ReminderBot = require('./reminder');

const app = new ReminderBot(process.env.BOT_TOKEN);
app.start();
