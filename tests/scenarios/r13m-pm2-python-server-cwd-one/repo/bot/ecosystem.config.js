// deployed by copying bot/ to the server; PM2 runs the virtualenv's python there
module.exports = {
  apps: [
    {
      name: 'bot',
      cwd: '/srv/shop/bot',
      script: 'venv/bin/python',
      args: 'bot.py',
      interpreter: 'none',
      instances: 1,
    },
  ],
};
