import { defineRailway, project } from "railway/iac";
import { poller } from "./services";

export default defineRailway(() => project("bots", { resources: [poller] }));
