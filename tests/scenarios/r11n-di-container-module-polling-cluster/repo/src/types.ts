export const TYPES = {
  Bot: Symbol.for('Bot'),
};

export interface IBot {
  start(): Promise<void>;
}
