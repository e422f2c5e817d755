"""Creates the database tables, then exits."""
import sqlite3

sqlite3.connect("bot.db").execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY)")
