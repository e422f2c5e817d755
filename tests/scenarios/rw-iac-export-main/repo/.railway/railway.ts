import { project, service } from "railway/iac";

// no default export: the Railway CLI takes the export named `main`
export function main() {
  return project("bot", { resources: [service("bot", { start: "python bot.py", replicas: 2 })] });
}
