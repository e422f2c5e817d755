import express from 'express';
import { webhookCallback } from 'grammy';
import { Assistant } from './core/assistant.js';

const app = new Assistant(process.env.BOT_TOKEN);
const server = express();
server.use(express.json());
server.post('/telegram', webhookCallback(app, 'express'));
server.listen(process.env.PORT || 3000);
