import os
import time

import discord
import psycopg

LOCK_ID = 4242


def wait_for_leadership(conn):
    while not conn.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_ID,)).fetchone()[0]:
        time.sleep(15)


def main():
    conn = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    wait_for_leadership(conn)  # the session keeps the lock while the bot runs
    client = discord.Client(intents=discord.Intents.default())
    client.run(os.environ["DISCORD_TOKEN"])


if __name__ == "__main__":
    main()
