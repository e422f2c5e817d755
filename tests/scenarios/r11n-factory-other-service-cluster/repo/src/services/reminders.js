const cron = require('node-cron');

class ReminderService {
  constructor(mail) {
    this.mail = mail;
  }

  start() {
    cron.schedule('0 8 * * *', () => this.mail.send('appointments today'));
  }
}

module.exports = { ReminderService };
