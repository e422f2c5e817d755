const WhatsAppService = require('../services/whatsapp');

class SessionController {
  static async start(req, res) {
    await WhatsAppService.connect();
    res.json({ ok: true });
  }
}

module.exports = SessionController;
