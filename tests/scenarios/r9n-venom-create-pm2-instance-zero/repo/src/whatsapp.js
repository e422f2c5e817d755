const venom = require('venom-bot');

function connect() {
  return venom.create({ session: 'delivery', headless: 'new' }).then((client) => {
    client.onMessage((message) => client.sendText(message.from, 'Your order is on its way.'));
    return client;
  });
}

module.exports = { connect };
