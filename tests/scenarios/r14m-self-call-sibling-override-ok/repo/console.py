from notify import Notifier
from platforms.console import ConsolePlatform

notifier = Notifier()  # connects only when an alert is sent, never here
ConsolePlatform("console").run()
