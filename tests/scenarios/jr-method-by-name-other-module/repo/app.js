const { launchBot } = require('./telegram');

class App {
  start() {
    launchBot();
  }

  stop() {
    console.log('bye');
  }
}

function createApp() {
  return new App();
}

module.exports = { createApp };
