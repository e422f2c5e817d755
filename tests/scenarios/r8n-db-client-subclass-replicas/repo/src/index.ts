import { app } from './app';

await app.connect();
await app.login('health-check');
