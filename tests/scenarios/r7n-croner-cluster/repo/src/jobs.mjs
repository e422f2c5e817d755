import { Cron } from 'croner';
import { Api } from 'grammy';

const api = new Api(process.env.BOT_TOKEN);

// post the morning digest to the channel
new Cron('0 7 * * *', { timezone: 'Europe/Berlin', protect: true }, async () => {
  await api.sendMessage(process.env.CHANNEL_ID, 'Good morning!');
});
