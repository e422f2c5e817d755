import express from 'express';
import { webhookCallback } from 'grammy';
import { standup } from '#bot/standup';

// each PM2 instance serves the webhook: Telegram posts every update to one of them
express().use(express.json()).post('/tg', webhookCallback(standup, 'express')).listen(3000);
