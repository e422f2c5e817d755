# creates the tables; imports the bot module for its settings (which starts polling on import)
import bot  # noqa: F401
import storage

storage.create_tables()
