const getUpdates = require('../lib/getUpdates');

module.exports = (target) => {
  setInterval(async () => {
    const posts = await getUpdates('forum');
    console.log(`${posts.length} new forum posts for`, target.channel);
  }, 60000);
};
