import { Notifier } from "./notifier";
import { TgListener } from "./tg-listener";

export class Relay {
  constructor(private readonly listener: TgListener, private readonly notifier: Notifier) {}

  start(): void {
    this.listener.launch();
    this.notifier.tell(1, "relay up");
  }
}
