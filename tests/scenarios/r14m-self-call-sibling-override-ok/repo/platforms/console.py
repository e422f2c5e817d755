from platforms.base import Platform


class ConsolePlatform(Platform):
    def connect(self):
        while input("> "):
            pass
