const lib = require('./lib')
const feeds = new lib.Feeds({ interval: 10 })
feeds.connect(process.env.DISCORD_TOKEN)
