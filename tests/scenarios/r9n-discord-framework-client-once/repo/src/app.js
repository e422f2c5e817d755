const { isMainThread, Worker } = require('worker_threads');
const express = require('express');
const HelpdeskClient = require('./bot/client');

if (isMainThread) {
  new Worker(__filename);
  express().get('/health', (req, res) => res.send('ok')).listen(process.env.PORT || 3000);
} else {
  new HelpdeskClient().begin();
}
