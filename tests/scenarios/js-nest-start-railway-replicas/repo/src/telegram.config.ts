export const telegramConfig = {
  token: process.env.BOT_TOKEN as string,
  launchOptions: { dropPendingUpdates: true },
};
