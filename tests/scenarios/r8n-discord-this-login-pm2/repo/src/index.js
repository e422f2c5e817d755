const { Gateway } = require('./gateway');

const gateway = new Gateway();
gateway.boot();
