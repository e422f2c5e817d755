import { bot } from './lib/bot.mjs';

async function main() {
  await bot.launch();
}

main().then(() => process.exit(0));
