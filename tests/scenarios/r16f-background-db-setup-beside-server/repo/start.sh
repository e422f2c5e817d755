#!/bin/bash
# prepare the database in the background while the server starts
prepare_db() {
    until pg_isready -h "$DB_HOST"; do
        sleep 2
    done
    psql -h "$DB_HOST" -c "create extension if not exists pg_trgm"
    redis-cli -h "$REDIS_HOST" ping
}
prepare_db &
exec gunicorn app:app --bind "0.0.0.0:$PORT"
