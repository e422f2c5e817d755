import { Notifier } from "./notifier";
import { VkListener } from "./vk-listener";

export class Relay {
  constructor(private readonly listener: VkListener, private readonly notifier: Notifier) {}

  start(): void {
    this.listener.launch();
    this.notifier.tell(1, "relay up");
  }
}
