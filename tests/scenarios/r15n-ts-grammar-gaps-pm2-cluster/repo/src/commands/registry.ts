import { Command } from './Command';

export const commands = new Map<string, Command>();
export function load(paths: import('./Command').CommandOptions[]): number {
    return paths.length;
}
