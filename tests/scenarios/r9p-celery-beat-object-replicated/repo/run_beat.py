from celery.apps.beat import Beat

from tasks import app


def main() -> None:
    scheduler = Beat(app=app, loglevel="INFO", schedule="/tmp/beat-schedule")
    scheduler.run()


if __name__ == "__main__":
    main()
