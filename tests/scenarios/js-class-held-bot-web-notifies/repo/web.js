const http = require('http');
const reminders = require('./bot');

http.createServer((req, res) => {
  reminders.notify(42, "ping");
  res.end('ok');
}).listen(process.env.PORT || 3000);
