import { EventEmitter } from 'node:events';
import makeWASocket, { useMultiFileAuthState } from '@whiskeysockets/baileys';

class WAClient extends EventEmitter {
  private dir: string;

  constructor(dir: string) {
    super();
    this.dir = dir;
  }

  status(): string {
    return `session in ${this.dir}`;
  }

  async startClient(): Promise<void> {
    const { state, saveCreds } = await useMultiFileAuthState(this.dir);
    const sock = makeWASocket({ auth: state });
    sock.ev.on('creds.update', saveCreds);
  }
}

export default WAClient;
