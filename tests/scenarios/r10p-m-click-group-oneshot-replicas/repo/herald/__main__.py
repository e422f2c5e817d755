from herald.commands import app

app()
