import sqlite3


def migrate():
    with sqlite3.connect("pollster.db") as db:
        db.execute("CREATE TABLE IF NOT EXISTS votes (chat INTEGER, choice TEXT)")
