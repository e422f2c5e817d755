import { Notifier } from "./notifier";
import { Relay } from "./relay";
import { VkListener } from "./vk-listener";

new Relay(new VkListener(), new Notifier()).start();
