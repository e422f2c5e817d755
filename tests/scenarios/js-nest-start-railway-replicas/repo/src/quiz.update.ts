import { Command, Update } from 'nestjs-telegraf';
import { Context } from 'telegraf';

@Update()
export class QuizUpdate {
  @Command('quiz')
  async quiz(ctx: Context) {
    await ctx.reply('2 + 2 = ?');
  }
}
