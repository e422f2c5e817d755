import { ChatBot } from './chatbot';

new ChatBot().open().catch((err) => {
  console.error(err);
  process.exit(1);
});
