import { startTelegram } from './telegram.js';

// the alert worker also answers chat commands
startTelegram();
setInterval(() => console.log('checking alerts'), 60_000);
