import VkBot from "node-vk-bot-api";

export class VkListener {
  private readonly vk = new VkBot({ token: process.env.VK_TOKEN });

  launch(): void {
    this.vk.startPolling();
  }
}
