import { Bot } from "gramio";
import { autoRetry } from "@gramio/auto-retry";

const quotes = new Bot(process.env.TG_TOKEN as string)
  .extend(autoRetry())
  .command("quote", (ctx) => ctx.send("Stay hungry."));

// a webhook: Telegram pushes each update to one replica
quotes.start({ webhook: { url: `${process.env.PUBLIC_URL}/tg` } });
