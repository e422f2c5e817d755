import express from 'express';
import { startClient } from './src/whatsapp.js';

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000, () => {
  startClient().catch((err) => console.error(err));
});
