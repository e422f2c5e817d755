import argparse


def start_bot(args):
    from relay import main
    main()


def start_site(args):
    from site_app import app
    app.run(host="0.0.0.0")


def build_parser():
    parser = argparse.ArgumentParser(prog="relay")
    commands = parser.add_subparsers(dest="command", required=True)
    bot = commands.add_parser("bot", help="poll Telegram")
    bot.set_defaults(func=start_bot)
    site = commands.add_parser("site", help="serve the dashboard")
    site.add_argument("--port", type=int, default=8000)
    site.set_defaults(func=start_site)
    return parser


def main():
    parser = build_parser()
    args = parser.parse_args()
    if hasattr(args, "func"):
        args.func(args)
    else:
        parser.print_help()


if __name__ == "__main__":
    main()
