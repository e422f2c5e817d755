import { formatDate } from './services';

console.log(formatDate(new Date()));
