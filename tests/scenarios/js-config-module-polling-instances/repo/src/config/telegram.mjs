export const telegram = {
  token: process.env.TELEGRAM_TOKEN,
  options: { polling: { interval: 1000, autoStart: true } },
};
