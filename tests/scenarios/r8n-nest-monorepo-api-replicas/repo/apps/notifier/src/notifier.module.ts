import { Module } from '@nestjs/common';
import { TelegrafModule } from 'nestjs-telegraf';

@Module({
  imports: [TelegrafModule.forRoot({ token: process.env.NOTIFIER_TOKEN! })],
})
export class NotifierModule {}
