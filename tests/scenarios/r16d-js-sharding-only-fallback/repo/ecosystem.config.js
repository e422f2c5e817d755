module.exports = {
  apps: [
    {
      name: 'relay',
      script: './bot.js',
      instances: 2,
      exec_mode: 'cluster'
    }
  ]
}
