export default {
  botToken: process.env.BOT_TOKEN,
  useWebhook: process.env.BOT_MODE === 'webhook',
  domain: process.env.PUBLIC_DOMAIN,
  port: Number(process.env.PORT || 8080),
};
