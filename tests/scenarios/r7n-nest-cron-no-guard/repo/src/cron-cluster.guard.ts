import { Injectable } from '@nestjs/common';

@Injectable()
export class CronClusterGuard {
  private readonly instanceId = process.env.NODE_APP_INSTANCE;

  isPrimaryInstance(): boolean {
    return this.instanceId === undefined || this.instanceId === '0';
  }
}
