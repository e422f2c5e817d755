import { ContainerModule, interfaces } from 'inversify';
import { IBot, TYPES } from '../types';
import { PollingBot } from '../bot/polling-bot';

export const botModule = new ContainerModule((bind: interfaces.Bind) => {
  bind<IBot>(TYPES.Bot).to(PollingBot).inSingletonScope();
});
