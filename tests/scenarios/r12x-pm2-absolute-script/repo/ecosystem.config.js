module.exports = {
  apps: [
    {
      name: "pollbot",
      script: "/srv/pollbot/bot.py",
      interpreter: "/srv/pollbot/venv/bin/python3",
      instances: 2,
      autorestart: true,
    },
  ],
};
