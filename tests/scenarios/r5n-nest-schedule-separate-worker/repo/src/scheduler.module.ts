import { Module } from "@nestjs/common";
import { ScheduleModule } from "@nestjs/schedule";
import { SettlementService } from "./settlement.service";

@Module({ imports: [ScheduleModule.forRoot()], providers: [SettlementService] })
export class SchedulerModule {}
