import sys

from platforms.telegram import TelegramPlatform

if __name__ == "__main__":
    TelegramPlatform(sys.argv[1]).run()
