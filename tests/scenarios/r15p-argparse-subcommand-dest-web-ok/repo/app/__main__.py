import argparse

from app.bot import run as run_bot
from app.site import serve


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers(dest="command")
    subparsers.add_parser("bot")
    site = subparsers.add_parser("site")
    site.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.command == "bot":
        run_bot()
    elif args.command == "site":
        serve()
    else:
        parser.print_help()
