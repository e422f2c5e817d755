import * as telegram from './telegram';
import { startFeedSync } from './feeds';

startFeedSync();
telegram.bot.start({ drop_pending_updates: true });
