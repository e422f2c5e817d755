from notifier.telegram import application


def main() -> None:
    application.run_polling()


if __name__ == "__main__":
    main()
