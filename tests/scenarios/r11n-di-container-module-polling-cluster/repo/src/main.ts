import { container } from './di/container';
import { IBot, TYPES } from './types';

const bot = container.get<IBot>(TYPES.Bot);
bot.start().catch((error) => {
  console.error(error);
  process.exit(1);
});
