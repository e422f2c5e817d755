import http from 'http';
import { telegramLoader } from './loaders/telegram';

const server = http.createServer((req, res) => res.end('quotes api'));
server.listen(Number(process.env.PORT ?? 3000), () => {
  telegramLoader().catch((err) => console.error(err));
});
