import { defineRailway, github, preserve, project, service } from "railway/iac";

// one service per environment: the dev project runs `notifier-dev`, production runs `notifier`
export const SERVICE_FOR: Record<string, string> = {
  dev: "notifier-dev",
  production: "notifier",
};

export default defineRailway((ctx) => {
  const environment = ctx.environment ?? "unknown";
  const name = SERVICE_FOR[environment];
  if (name === undefined) {
    throw new Error(`this file plans only dev and production, not ${environment}`);
  }
  const notifier = service(name, {
    source: github("example/notifier", { branch: environment === "production" ? "main" : "dev" }),
    build: { builder: "DOCKERFILE", dockerfilePath: "Dockerfile" },
    env: { BOT_TOKEN: preserve() },
  });
  return project("notifier", { resources: [notifier] });
});
