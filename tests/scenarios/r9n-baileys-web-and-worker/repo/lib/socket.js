const { default: makeWASocket, useMultiFileAuthState } = require('@whiskeysockets/baileys');

async function openSocket(onMessage) {
  const { state, saveCreds } = await useMultiFileAuthState('auth_info');
  const sock = makeWASocket({ auth: state });
  sock.ev.on('creds.update', saveCreds);
  sock.ev.on('messages.upsert', onMessage);
  return sock;
}

module.exports = { openSocket };
