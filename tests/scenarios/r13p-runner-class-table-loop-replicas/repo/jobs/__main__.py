import asyncio

from .runners import MetricsRunner, UpdatesRunner

ENABLED = [MetricsRunner, UpdatesRunner]


async def main() -> None:
    tasks = []
    for kind in ENABLED:
        runner = kind()
        tasks.append(asyncio.create_task(runner.start()))
    await asyncio.gather(*tasks)


asyncio.run(main())
