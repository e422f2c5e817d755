import Fastify from 'fastify';
import { ensureRunning } from './bot.js';

const app = Fastify({ logger: true });

app.addHook('onRequest', async () => {
  await ensureRunning();
});

app.get('/status', async () => ({ ok: true }));

await app.listen({ port: Number(process.env.PORT || 3000), host: '0.0.0.0' });
