import { Client as UserClient } from "discord.js-selfbot-v13";
import { Client as BotClient } from "discord.js";

export type AnyClient = UserClient | BotClient;

export class Mirror {
  client: AnyClient;
  seen = 0;

  constructor(client: AnyClient) {
    this.client = client;
  }
}
