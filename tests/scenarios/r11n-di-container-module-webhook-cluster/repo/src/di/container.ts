import 'reflect-metadata';
import { Container } from 'inversify';
import { botModule } from './bot.module';

export const container = new Container();
container.load(botModule);
