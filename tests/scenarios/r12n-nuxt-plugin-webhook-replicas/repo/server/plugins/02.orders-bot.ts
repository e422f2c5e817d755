import { startOrdersBot } from "../utils/orders-bot";

export default defineNitroPlugin(async (nitroApp) => {
  await startOrdersBot();
  nitroApp.hooks.hook("close", () => console.log("closing"));
});
