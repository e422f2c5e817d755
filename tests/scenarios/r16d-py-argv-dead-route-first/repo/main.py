import asyncio
import sys

from notifier import Notifier


async def self_test():
    notifier = Notifier()
    await notifier.begin()
    await notifier.app.updater.stop()


async def serve():
    notifier = Notifier()
    await notifier.begin()
    await asyncio.Event().wait()


def main():
    if "--self-test" in sys.argv:
        asyncio.run(self_test())
        return
    asyncio.run(serve())


if __name__ == "__main__":
    main()
