import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { CronClusterGuard } from './cron-cluster.guard';

@Injectable()
export class TasksService {
  constructor(private readonly cronGuard: CronClusterGuard) {}

  @Cron(CronExpression.EVERY_DAY_AT_MIDNIGHT)
  async dailyCleanup() {
    if (!this.cronGuard.isPrimaryInstance()) return;
    console.log('cleanup');
  }
}
