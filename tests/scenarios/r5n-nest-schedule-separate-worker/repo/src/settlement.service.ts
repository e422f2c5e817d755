import { Injectable, Logger } from "@nestjs/common";
import { Cron } from "@nestjs/schedule";

@Injectable()
export class SettlementService {
  private readonly log = new Logger(SettlementService.name);

  @Cron("0 2 * * *")
  async settleYesterday(): Promise<void> {
    this.log.log("settling yesterday's invoices");
  }
}
