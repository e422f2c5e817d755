import { Injectable, OnModuleInit } from '@nestjs/common';
import { startPolling, warmCache } from './telegram/poller';

@Injectable()
export class UpdatesService implements OnModuleInit {
  onModuleInit(): void {
    startPolling();
  }
}
