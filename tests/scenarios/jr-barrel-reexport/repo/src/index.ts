import { formatDate, startBot } from './services';

console.log(formatDate(new Date()));
startBot();
