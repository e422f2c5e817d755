import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TelegrafModule } from 'nestjs-telegraf';
import { BotUpdate } from './bot.update';

@Module({
  imports: [
    TelegrafModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        token: config.getOrThrow<string>('TELEGRAM_BOT_TOKEN'),
        launchOptions: {
          webhook: { domain: config.getOrThrow<string>('PUBLIC_URL'), hookPath: '/telegram' },
        },
      }),
    }),
  ],
  providers: [BotUpdate],
})
export class BotModule {}
