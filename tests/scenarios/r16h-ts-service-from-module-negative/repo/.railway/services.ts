import { service } from "railway/iac";

export const poller = service("poller", { start: "python worker.py", replicas: 1 });
