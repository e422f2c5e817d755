import { spawn } from 'child_process';
import path from 'path';

function run(file) {
  const args = [path.join(file), ...process.argv.slice(2)];
  const child = spawn(process.argv[0], args, { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  child.on('message', (msg) => {
    if (msg === 'restart') {
      child.kill();
      run(file);
    }
  });
  child.on('exit', (code) => {
    if (code !== 0) run(file);
  });
}

run('./guard.js');
