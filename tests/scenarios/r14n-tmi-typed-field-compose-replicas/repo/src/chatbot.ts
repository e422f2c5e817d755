import { Client, Options } from 'tmi.js';

const options: Options = {
  identity: { username: process.env.BOT_USERNAME, password: process.env.BOT_OAUTH },
  channels: [process.env.CHANNEL ?? ''],
  connection: { reconnect: true },
};

export class ChatBot {
  private chat: Client;

  constructor() {
    this.chat = Client(options);
    this.chat.on('message', (channel, user, text, self) => {
      if (!self && text === '!lurk') void this.chat.say(channel, `enjoy the lurk, ${user.username}`);
    });
  }

  async open(): Promise<void> {
    await this.chat.connect();
  }
}
