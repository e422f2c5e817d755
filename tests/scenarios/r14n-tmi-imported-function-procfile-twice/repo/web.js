const http = require('http');
const { startChat } = require('./lib/chat');

let last = '';
startChat((chat, channel, command) => { last = command; });

http.createServer((req, res) => res.end(`last command: ${last}`)).listen(process.env.PORT || 5000);
