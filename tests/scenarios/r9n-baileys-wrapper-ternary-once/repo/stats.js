import { readdirSync } from 'node:fs';

setInterval(() => console.log('session files', readdirSync('sessions').length), 60000);
