import { defineRailway, project, service } from "railway/iac";

export default defineRailway(() =>
  project("tgpoll", { resources: [service("poller", { start: "go run main.go", replicas: 2 })] }),
);
