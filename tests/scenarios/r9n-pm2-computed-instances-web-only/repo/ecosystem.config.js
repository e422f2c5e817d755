const os = require('os');

const production = process.env.NODE_ENV === 'production';
const workers = production ? os.cpus().length : 1;

function app(name, script, extra = {}) {
  return { name, script, exec_mode: 'cluster', max_memory_restart: '300M', ...extra };
}

module.exports = {
  apps: [
    app('web', 'src/web.js', { instances: workers }),
    app('bot', 'src/bot.js', { instances: Number(process.env.BOT_INSTANCES || 1) }),
  ],
};
