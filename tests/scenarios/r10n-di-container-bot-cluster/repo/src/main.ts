import { container } from './container';
import { TOKENS, Runner } from './types';

const runner = container.get<Runner>(TOKENS.Runner);
runner.start().catch((error) => {
  console.error(error);
  process.exit(1);
});
