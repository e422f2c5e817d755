import sys

from config.choose import choose_settings


def main():
    choose_settings()
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
