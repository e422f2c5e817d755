import { Client as BotClient, GatewayIntentBits } from "discord.js";
import { Client as UserClient } from "discord.js-selfbot-v13";
import { Mirror } from "./mirror.js";

const kind = process.env.ACCOUNT_KIND ?? "bot";

const client = (() => {
  switch (kind) {
    case "user":
      return new UserClient();
    default:
      return new BotClient({ intents: [GatewayIntentBits.Guilds] });
  }
})();

const mirror = new Mirror(client);
mirror.client.login(process.env.DISCORD_TOKEN);
