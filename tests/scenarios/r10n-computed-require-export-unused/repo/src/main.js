const path = require('path');
const http = require('http');

const jobs = require(path.join(__dirname, 'jobs'));

http.createServer((req, res) => res.end(`jobs module: ${Object.keys(jobs).join(', ')}`)).listen(process.env.PORT || 8080);
