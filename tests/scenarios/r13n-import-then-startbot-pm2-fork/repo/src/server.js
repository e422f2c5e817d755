import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(httpServer);
io.on('connection', (socket) => socket.emit('hello'));

httpServer.listen(process.env.PORT || 3001, () => console.log('table server up'));

// the bot module is loaded after the server listens
import('./bot.js').then(({ startBot }) => startBot()).catch(() => {});
