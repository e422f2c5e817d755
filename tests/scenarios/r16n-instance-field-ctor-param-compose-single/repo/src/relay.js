class Relay {
  constructor(client, channels) {
    this.channels = channels;
    this.client = client;
    this.client.on("messageCreate", (message) => this.forward(message));
  }

  forward(message) {
    if (this.channels.includes(message.channelId)) console.log(message.content);
  }
}

module.exports = { Relay };
