import { Module } from '@nestjs/common';
import { TelegrafModule } from 'nestjs-telegraf';
import { telegramConfig } from './telegram.config';
import { QuizUpdate } from './quiz.update';

@Module({
  imports: [TelegrafModule.forRoot(telegramConfig)],
  providers: [QuizUpdate],
})
export class AppModule {}
