import { whatsappService } from './services/whatsapp.js';

await whatsappService.initialize();
setInterval(() => console.log('session', whatsappService.status()), 60000);
