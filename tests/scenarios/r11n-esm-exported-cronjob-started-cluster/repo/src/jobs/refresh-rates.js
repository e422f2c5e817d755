import { CronJob } from 'cron';

export default new CronJob('*/30 * * * *', () => console.log('refreshing exchange rates'));
