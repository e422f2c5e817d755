import { runPoller } from "./lib/poller.js";

runPoller(process.env.BOT_TOKEN ?? "").catch((err) => {
  console.error(err);
  process.exit(1);
});
