module.exports = {
  apps: [
    {
      name: "support-bot",
      cwd: "/var/www/shop/bot",
      script: "venv/bin/python",
      args: "bot.py",
      interpreter: "none",
    },
  ],
};
