class Queue {
  push(item) {
    console.log('queued', item.to);
  }
}
module.exports = { Queue };
