import { app } from './app';

app.on('ready', () => console.log('ready'));
await app.login(process.env.ASSISTANT_TOKEN);
