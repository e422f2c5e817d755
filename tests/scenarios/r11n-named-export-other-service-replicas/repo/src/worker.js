import { statusService } from './services/whatsapp.js';

await statusService.initialize();
