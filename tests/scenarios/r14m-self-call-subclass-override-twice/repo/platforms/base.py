class Platform:
    """One chat platform: connect() is what each platform does."""

    def __init__(self, name):
        self.name = name

    def run(self):
        self.setup()
        self.connect()

    def setup(self):
        print("starting", self.name)

    def connect(self):
        raise NotImplementedError
