const { openSocket } = require('./lib/socket');

openSocket(({ messages }) => console.log('received', messages.length));
