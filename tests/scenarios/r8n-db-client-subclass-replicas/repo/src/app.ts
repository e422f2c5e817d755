import { Client } from 'pg';

class Ledger extends Client {
  login(user: string) {
    return this.query('select 1 where $1 is not null', [user]);
  }
}

export const app = new Ledger({ connectionString: process.env.DATABASE_URL });
