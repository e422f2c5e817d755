import express from 'express';
import { bot } from './telegram.mjs';
import settings from './settings.mjs';

const app = express();
app.get('/healthz', (req, res) => res.send('ok'));

if (settings.live) {
  await bot.setWebHook(`${settings.publicUrl}/tg`);  // served by a proxy in front
}

bot.on('message', (msg) => bot.sendMessage(msg.chat.id, 'Noted.'));
app.listen(Number(process.env.PORT || 8080));
