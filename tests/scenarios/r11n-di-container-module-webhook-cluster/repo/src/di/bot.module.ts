import { ContainerModule, interfaces } from 'inversify';
import { IBot, TYPES } from '../types';
import { WebhookBot } from '../bot/webhook-bot';

export const botModule = new ContainerModule((bind: interfaces.Bind) => {
  bind<IBot>(TYPES.Bot).to(WebhookBot).inSingletonScope();
});
