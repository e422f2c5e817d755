import { Injectable, Module } from '@nestjs/common';
import { Cron, ScheduleModule } from '@nestjs/schedule';

@Injectable()
export class SettlementJob {
  @Cron('0 2 * * *')
  settle() {
    console.log('settling yesterday');
  }
}

@Module({ imports: [ScheduleModule.forRoot()], providers: [SettlementJob] })
export class JobsModule {}
