import { GuildLink, GatewayIntentBits } from "./app";
import { bold } from "./lib";

const gateway = new GuildLink({ intents: [GatewayIntentBits.Guilds] });
gateway.on("messageCreate", (msg) => console.log(bold(msg.content)));
gateway.login(process.env.DISCORD_TOKEN);
