import { defineRailway, project, service, group, github } from "railway/iac";

function replicasFor(environment: string, base: number): number {
  if (environment === "production") {
    return base * 2;
  }
  return 1;
}

export default defineRailway((ctx) => {
  const api = service("api", { start: "uvicorn web:app --host 0.0.0.0", replicas: 3 });
  const bot = service("bot", { start: "python bot.py", replicas: replicasFor(ctx.environment, 1) });
  return project("shop", {
    resources: [group("Backend", [api, group("Bots", [bot])])],
  });
});
