import { Client, GatewayIntentBits } from "discord.js";

export { Client, GatewayIntentBits };
export * from "./format";
