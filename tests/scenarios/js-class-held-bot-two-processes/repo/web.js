const http = require('http');
const reminders = require('./bot');

http.createServer((req, res) => {
  reminders.run();
  res.end('ok');
}).listen(process.env.PORT || 3000);
