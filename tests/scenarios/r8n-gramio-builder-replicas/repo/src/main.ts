import { Bot } from "gramio";
import { autoRetry } from "@gramio/auto-retry";

// a builder chain: every step returns the bot
const quotes = new Bot(process.env.TG_TOKEN as string)
  .extend(autoRetry())
  .command("quote", (ctx) => ctx.send("Stay hungry."))
  .onStart(({ info }) => console.log(`up as @${info.username}`));

quotes.start();
