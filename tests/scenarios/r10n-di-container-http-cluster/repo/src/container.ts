import 'reflect-metadata';
import { Container } from 'inversify';
import { TOKENS, Runner } from './types';
import { TelegramRunner } from './services/telegram-runner';
import { HttpRunner } from './services/http-runner';

export const container = new Container();
container.bind<Runner>(TOKENS.Runner).to(TelegramRunner);
container.bind<Runner>(TOKENS.Http).to(HttpRunner);
