import * as wa from '@whiskeysockets/baileys';

const { default: openSocket, makeWALegacySocket } = wa;

export function connect(options, settings = {}) {
  const sock = (settings.legacy ? makeWALegacySocket : openSocket)(options);
  return Object.assign(sock, { startedAt: Date.now() });
}
