const { ReminderService } = require('./services/reminders');
const { MailService } = require('./services/mail');

const factory = {
  services: {
    createReminders: (mail) => new ReminderService(mail),
    createMail() {
      return new MailService(process.env.SMTP_URL);
    },
  },
};

module.exports = { factory };
