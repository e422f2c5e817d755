import asyncio

from herald.core import Herald

asyncio.run(Herald.create_and_run({"prefix": "."}))
