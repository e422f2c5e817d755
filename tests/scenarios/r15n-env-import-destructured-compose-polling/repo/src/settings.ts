export const { NODE_ENV, APP_URL, BOT_TOKEN } = process.env;
