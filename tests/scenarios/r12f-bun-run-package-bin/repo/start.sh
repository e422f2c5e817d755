#!/bin/sh
set -e
bun run drizzle-kit migrate
exec bun run start
