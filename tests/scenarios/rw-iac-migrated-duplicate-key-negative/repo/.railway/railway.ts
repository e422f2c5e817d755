import { defineRailway, project, service } from "railway/iac";

export default defineRailway(() => {
  const web = service("bot", {
    start: "python bot.py",
    replicas: 2,
    replicas: { "us-west2": { "numReplicas": 1 } },
  });

  return project("bot", {
    resources: [web],
  });
});
