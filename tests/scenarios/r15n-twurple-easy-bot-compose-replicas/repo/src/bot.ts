import { StaticAuthProvider } from '@twurple/auth';
import { Bot, createBotCommand } from '@twurple/easy-bot';

const authProvider = new StaticAuthProvider(process.env.TWITCH_CLIENT_ID!, process.env.TWITCH_TOKEN!);

const bot = new Bot({
  authProvider,
  channels: [process.env.TWITCH_CHANNEL!],
  commands: [
    createBotCommand('d20', async (params, { reply }) => {
      await reply(`you rolled ${Math.floor(Math.random() * 20) + 1}`);
    }),
  ],
});

bot.onSub(({ broadcasterName, userName }) => {
  void bot.say(broadcasterName, `Thanks @${userName}!`);
});
