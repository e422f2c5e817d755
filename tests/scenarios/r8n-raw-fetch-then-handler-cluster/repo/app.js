const Inbox = require('./telegram/inbox');

const inbox = new Inbox();
inbox.watch();
setInterval(() => { while (inbox.items.length) console.log(inbox.items.shift()); }, 50);
