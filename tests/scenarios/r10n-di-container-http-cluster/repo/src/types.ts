export const TOKENS = {
  Runner: Symbol.for('Runner'),
  Http: Symbol.for('Http'),
};

export interface Runner {
  start(): Promise<void>;
}
