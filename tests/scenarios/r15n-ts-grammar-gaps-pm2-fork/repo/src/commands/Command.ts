import type { Message } from 'eris';

export interface CommandOptions<in T = unknown, out R = void> {
    name: string
    in_guild_only: boolean
    run?: (input: T) => R
}

export type Loader = typeof import('./registry');

export abstract class Command {
    static readonly [key: string]: unknown;
    static accessor count = 0;
    declare readonly options: CommandOptions;

    public abstract async run(message: Message, args: string[]): Promise<void>;
}
