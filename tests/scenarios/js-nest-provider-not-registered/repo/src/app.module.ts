import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';

// TelegramModule is not imported yet: the bot service is never created
@Module({
  controllers: [AlertsController],
})
export class AppModule {}
