import 'reflect-metadata';
import { container } from 'tsyringe';
import { Bot } from './services/Bot';

container.resolve(Bot).registerEvents();
container.resolve(Bot).login(process.env.DISCORD_TOKEN);
