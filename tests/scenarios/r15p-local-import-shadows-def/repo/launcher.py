import logging


def start():
    from poller import main
    main()


def main():
    logging.basicConfig(level=logging.INFO)
    start()


if __name__ == "__main__":
    main()
