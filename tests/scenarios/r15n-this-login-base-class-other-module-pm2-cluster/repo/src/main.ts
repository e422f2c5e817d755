import { ModClient } from './ModClient.js';

const client = new ModClient();
await client.start();
