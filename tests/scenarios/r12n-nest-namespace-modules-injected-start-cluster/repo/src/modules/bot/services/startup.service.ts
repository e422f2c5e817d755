import { Injectable, OnApplicationBootstrap } from "@nestjs/common";
import { RelayService } from "src/modules/bot/services";

@Injectable()
export class StartupService implements OnApplicationBootstrap {
  constructor(private readonly relay: RelayService) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }
}
