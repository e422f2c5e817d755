from bot_runner import start_bot
from web import app


@app.on_event("shutdown")
async def boot():
    await start_bot()
