const tmi = require('tmi.js');

class Chat {
  constructor(options) {
    this.channel = options.channel;
    this.client = tmi.client({
      identity: { username: options.username, password: process.env.TWITCH_OAUTH },
      channels: [options.channel],
    });
  }

  async open() {
    this.client.on('message', (channel, tags, message) => this.onMessage(message));
    await this.client.connect();
  }

  onMessage(message) {
    if (message === '!hello') this.client.say(this.channel, 'hi');
  }
}

module.exports = { Chat };
