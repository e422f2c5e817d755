import express from 'express';
import './jobs.mjs';

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(3000);
