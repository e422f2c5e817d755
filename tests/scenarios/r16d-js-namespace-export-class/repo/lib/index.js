exports.Feeds = require('./feeds.js')
