import { fleet } from "./fleet.js";

for (const p of fleet) {
  p.command("ping", (ctx) => ctx.reply("pong"));
  p.start().catch((err) => console.error("poller stopped", err));
}
