import path from 'node:path';
import Bree from 'bree';

export class Scheduler {
  constructor() {
    this.bree = new Bree({ root: path.join(import.meta.dirname, 'jobs'), jobs: [{ name: 'digest', interval: 'every 1 hour' }] });
  }

  async begin() {
    await this.bree.start();
  }
}
