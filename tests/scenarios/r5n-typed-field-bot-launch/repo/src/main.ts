import { Notifier } from "./notifier";
import { Relay } from "./relay";
import { TgListener } from "./tg-listener";

new Relay(new TgListener(), new Notifier()).start();
