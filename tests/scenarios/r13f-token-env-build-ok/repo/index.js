const token = process.env.TELEGRAM_BOT_TOKEN;
export default token;
