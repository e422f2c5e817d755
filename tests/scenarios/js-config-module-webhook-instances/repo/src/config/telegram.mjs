export const telegram = {
  token: process.env.TELEGRAM_TOKEN,
  options: { webHook: { port: Number(process.env.PORT) || 8443 } },
};
