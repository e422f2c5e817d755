import { useMultiFileAuthState } from '@whiskeysockets/baileys';
import { connect } from './lib/socket.js';

const { state, saveCreds } = await useMultiFileAuthState('sessions/main');
const conn = connect({ auth: state });
conn.ev.on('creds.update', saveCreds);
