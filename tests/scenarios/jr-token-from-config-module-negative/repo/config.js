module.exports = {
  token: process.env.BOT_TOKEN,
  adminToken: process.env.ADMIN_BOT_TOKEN,
  port: Number(process.env.PORT || 3000),
};
