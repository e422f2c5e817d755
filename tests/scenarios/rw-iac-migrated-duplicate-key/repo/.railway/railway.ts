import { defineRailway, project, service } from "railway/iac";

export default defineRailway(() => {
  const web = service("bot", {
    start: "python bot.py",
    replicas: 1,
    replicas: { "us-west2": { "numReplicas": 2 } },
  });

  return project("bot", {
    resources: [web],
  });
});
