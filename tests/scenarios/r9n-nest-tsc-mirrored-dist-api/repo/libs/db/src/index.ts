export const connectionString = process.env.DATABASE_URL ?? 'postgres://localhost/ledger';
