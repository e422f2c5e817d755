const reminders = require('./bot');

reminders.run();
