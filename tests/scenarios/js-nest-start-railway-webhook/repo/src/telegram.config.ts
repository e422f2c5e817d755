export const telegramConfig = {
  token: process.env.BOT_TOKEN as string,
  // the app serves the webhook itself (main.ts): nestjs-telegraf must not launch the bot
  launchOptions: false as const,
};
