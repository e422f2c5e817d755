const cron = require('node-cron');

module.exports = {
  name: 'clientReady',
  once: true,
  execute(client) {
    console.log(`ready as ${client.user.tag}`);
    cron.schedule('0 9 * * *', () => postDigest(client));
  },
};

function postDigest(client) {
  console.log('digest for', client.guilds.cache.size, 'guilds');
}
