import { service } from "railway/iac";

export function pythonWorker(name: string, replicas: number) {
  return service(name, { start: "python worker.py", replicas });
}
