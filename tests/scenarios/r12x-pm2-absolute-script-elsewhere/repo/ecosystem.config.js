module.exports = {
  apps: [
    {
      name: "pollbot",
      script: "/srv/otherbot/run_other.py",
      interpreter: "/srv/pollbot/venv/bin/python3",
      instances: 2,
      autorestart: true,
    },
  ],
};
