import Eris from 'eris';
import { commands } from './commands/registry';

const bot = new Eris.Client(process.env.DISCORD_TOKEN as string, { intents: ['guildMessages'] });

bot.on('messageCreate', async (message) => {
    const command = commands.get(message.content.split(' ')[0]);
    if (command) await command.run(message, []);
});

bot.connect();
