import sqlite3

sqlite3.connect("app.db").execute("create table if not exists t (x int)")
