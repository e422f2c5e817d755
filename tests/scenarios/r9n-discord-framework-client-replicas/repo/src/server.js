const express = require('express');

class HealthServer {
  constructor(worker) {
    this.worker = worker;
  }

  start() {
    express().get('/health', (req, res) => res.send('ok')).listen(process.env.PORT || 3000);
  }
}

module.exports = HealthServer;
