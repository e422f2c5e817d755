// startOrdersBot is auto-imported by Nitro from server/utils/telegram/index.ts
export default defineNitroPlugin(async () => {
  await startOrdersBot();
});
