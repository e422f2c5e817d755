const { pullUpdates } = require('./api');

class Inbox {
  constructor() {
    this.next = 0;
    this.items = [];
    this.keep = this.keep.bind(this);
  }

  keep(body) {
    for (const u of body.result) { this.items.push(u); this.next = u.update_id + 1; }
  }

  // one read of the pending updates at start-up (a report job, not a poller)
  watch() {
    pullUpdates(this.next).then(this.keep);
  }
}

module.exports = Inbox;
