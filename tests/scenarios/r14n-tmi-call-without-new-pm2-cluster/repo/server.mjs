import http from 'node:http';
import { chat } from './lib/twitch.mjs';

await chat.connect();

http.createServer((req, res) => res.end('ok')).listen(process.env.PORT || 8080);
