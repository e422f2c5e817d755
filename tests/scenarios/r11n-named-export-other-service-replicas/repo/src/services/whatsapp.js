import makeWASocket, { useMultiFileAuthState } from 'baileys';

let socket = null;

export const whatsappService = {
  async initialize() {
    const { state, saveCreds } = await useMultiFileAuthState('session');
    socket = makeWASocket({ auth: state });
    socket.ev.on('creds.update', saveCreds);
  },
  status() {
    return socket ? 'open' : 'closed';
  },
};

export const statusService = {
  async initialize() {
    console.log('status reporter ready');
  },
};
