export class ApiClient {
  constructor(base) { this.base = base; }
  async start() { return fetch(`${this.base}/session`, { method: "POST" }); }
}
