import express from 'express';
import { Scheduler } from './scheduler.js';

const app = express();
app.get('/', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000);
new Scheduler().begin();
