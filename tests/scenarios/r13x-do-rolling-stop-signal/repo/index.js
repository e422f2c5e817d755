const { Telegraf } = require('telegraf')

const bot = new Telegraf(process.env.BOT_TOKEN)
bot.start((ctx) => ctx.reply('hi'))
bot.launch()
process.once('SIGTERM', () => bot.stop('SIGTERM'))
process.once('SIGINT', () => bot.stop('SIGINT'))
