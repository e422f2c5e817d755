module.exports = {
  apps: [
    {
      name: 'relay',
      script: './bot.js',
      instances: 1,
      exec_mode: 'cluster'
    }
  ]
}
