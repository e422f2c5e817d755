import { defineRailway, project, service } from "railway/iac";

export default defineRailway((ctx) => {
  const resources = [];
  const shards = ctx.environment === "production" ? 1 : 1;
  for (let i = 0; i < shards; i++) {
    resources.push(
      service(`worker-${i}`, {
        start: "python bot.py",
      }),
    );
  }
  return project("bots", { resources });
});
