module.exports = {
  telegram: {
    token: process.env.TELEGRAM_TOKEN,
    options: { polling: true },
  },
};
