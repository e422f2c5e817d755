import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { TelegramModule } from './telegram/telegram.module';

@Module({
  imports: [TelegramModule],
  controllers: [AlertsController],
})
export class AppModule {}
