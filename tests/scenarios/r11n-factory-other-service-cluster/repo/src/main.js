const http = require('http');
const { factory } = require('./factory');

async function main() {
  const reminders = factory.services.createMail();
  reminders.start();
  http.createServer((req, res) => res.end('ok')).listen(process.env.PORT || 3000);
}

main();
