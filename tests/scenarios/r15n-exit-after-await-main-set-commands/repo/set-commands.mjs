import { bot } from './lib/bot.mjs';

async function main() {
  await bot.telegram.setMyCommands([{ command: 'quiz', description: 'start a quiz' }]);
}

await main();
process.exit(0);
