export { Client as GuildLink, GatewayIntentBits } from "../lib";
