import { defineRailway, github, preserve, project, service } from "railway/iac";

// production runs the notifier and a canary of it side by side
export const SERVICES_FOR: Record<string, string[]> = {
  production: ["notifier", "notifier-canary"],
};

export default defineRailway((ctx) => {
  const environment = ctx.environment ?? "unknown";
  const names = SERVICES_FOR[environment];
  if (names === undefined) {
    throw new Error(`this file plans only production, not ${environment}`);
  }
  const services = names.map((name) =>
    service(name, {
      source: github("example/notifier", { branch: "main" }),
      build: { builder: "DOCKERFILE", dockerfilePath: "Dockerfile" },
      env: { BOT_TOKEN: preserve() },
    }),
  );
  return project("notifier", { resources: services });
});
