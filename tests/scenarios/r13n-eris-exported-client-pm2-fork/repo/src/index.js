const { Pool } = require('pg');
const bot = require('./client');
require('./commands/quote')(bot);

const db = new Pool({ connectionString: process.env.DATABASE_URL });
db.connect().then(() => console.log('database ready'));

bot.on('ready', () => console.log('connected'));
bot.connect();
