const { pullUpdates } = require('./api');

class Inbox {
  constructor() {
    this.next = 0;
    this.items = [];
    this.watch = this.watch.bind(this);
  }

  fetchBatch() {
    return pullUpdates(this.next).then((body) => {
      for (const u of body.result) { this.items.push(u); this.next = u.update_id + 1; }
    });
  }

  // runs again each time a batch has arrived
  watch() {
    this.fetchBatch().then(this.watch);
  }
}

module.exports = Inbox;
