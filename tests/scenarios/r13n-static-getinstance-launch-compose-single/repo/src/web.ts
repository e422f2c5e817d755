import Fastify from 'fastify';
import { TelegramBot } from './TelegramBot';

const app = Fastify();
app.post('/notify', async (req) => {
    const { chatId, text } = req.body as { chatId: string; text: string };
    await TelegramBot.getInstance().telegram.sendMessage(chatId, text);
    return { ok: true };
});
app.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });
