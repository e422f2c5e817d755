const http = require("http");
const hook = process.env.TELEGRAM_WEBHOOK_URL;
http.createServer((req, res) => res.end(JSON.stringify({ hook }))).listen(3000);
