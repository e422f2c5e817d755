const http = require('http');
const { factory } = require('./factory');

async function main() {
  const mail = new (require('./services/mail').MailService)(process.env.SMTP_URL);
  const reminders = factory.services.createReminders(mail);
  reminders.start();
  http.createServer((req, res) => res.end('ok')).listen(process.env.PORT || 3000);
}

main();
