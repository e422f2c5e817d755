#!/bin/sh
set -e
bun run drizzle-migrate
exec bun run start
