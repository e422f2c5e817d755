const path = require('path');
const http = require('http');

const jobs = require(path.join(__dirname, 'jobs'));
const chat = 'discord';
require(`./${chat}-client.js`);

jobs.start();
http.createServer((req, res) => res.end('ok')).listen(process.env.PORT || 8080);
