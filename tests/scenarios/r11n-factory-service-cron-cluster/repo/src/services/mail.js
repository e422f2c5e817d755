class MailService {
  constructor(url) {
    this.url = url;
  }

  start() {
    console.log('mail transport ready');
  }

  send(text) {
    console.log('mail:', text);
  }
}

module.exports = { MailService };
