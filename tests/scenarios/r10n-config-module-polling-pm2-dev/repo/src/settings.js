const isProduction = process.env.NODE_ENV === 'production';

module.exports = {
  telegram: {
    token: process.env.TELEGRAM_TOKEN,
    poll: !isProduction,
    hookUrl: `${process.env.PUBLIC_URL}/tg`,
  },
};
