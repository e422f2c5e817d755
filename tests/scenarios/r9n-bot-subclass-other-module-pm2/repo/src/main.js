import { Assistant } from './core/assistant.js';

const app = new Assistant(process.env.BOT_TOKEN);
app.catch((err) => console.error(err));
app.start();
