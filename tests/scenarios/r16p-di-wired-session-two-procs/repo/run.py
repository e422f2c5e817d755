import asyncio

from dependency_injector.wiring import Provide, inject
from pyrogram import idle

from containers import Container


@inject
async def main(session=Provide[Container.session]) -> None:
    await session.start()
    await idle()


if __name__ == "__main__":
    container = Container()
    container.wire(modules=[__name__])
    asyncio.run(main())
