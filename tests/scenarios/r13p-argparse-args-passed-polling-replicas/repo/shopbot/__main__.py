import argparse

from shopbot.launch import launch


def read_options():
    parser = argparse.ArgumentParser(prog="shopbot")
    parser.add_argument("--webhook", action="store_true", help="serve a webhook instead of polling")
    return parser.parse_args()


if __name__ == "__main__":
    options = read_options()
    launch(options)
