import os

import discord
import psycopg

LOCK_ID = 4242


def main():
    client = discord.Client(intents=discord.Intents.default())
    client.run(os.environ["DISCORD_TOKEN"])
    conn = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    conn.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_ID,))


if __name__ == "__main__":
    main()
