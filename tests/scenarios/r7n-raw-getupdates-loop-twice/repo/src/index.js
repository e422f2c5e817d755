import express from 'express';
import { startTelegram } from './telegram.js';

const app = express();
app.get('/', (req, res) => res.send('alerts dashboard'));
app.listen(process.env.PORT || 3000);
startTelegram();
