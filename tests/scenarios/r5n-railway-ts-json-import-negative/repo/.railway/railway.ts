import { defineRailway, preserve, project, service } from "railway/iac";
import pollerFile from "../deploy/poller.json" with { type: "json" };
import { HOME_REGION, KEPT } from "./regions";

function deploySettings(file) {
  const { numReplicas, ...rest } = file.deploy;
  return rest;
}

export default defineRailway(() => {
  const poller = service("poller", {
    build: pollerFile.build,
    deploy: deploySettings(pollerFile),
    replicas: { [HOME_REGION]: pollerFile.deploy.numReplicas },
    env: Object.fromEntries(KEPT.map((key) => [key, preserve()])),
  });
  return project("relay", { resources: [poller] });
});
