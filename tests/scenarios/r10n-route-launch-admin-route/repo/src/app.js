import Fastify from 'fastify';
import { ensureRunning } from './bot.js';

const app = Fastify({ logger: true });

app.post('/admin/bot/start', async () => {
  await ensureRunning();
  return { running: true };
});

app.get('/status', async () => ({ ok: true }));

await app.listen({ port: Number(process.env.PORT || 3000), host: '0.0.0.0' });
