class Service:
    @classmethod
    def from_env(cls):
        return cls()

    def run(self) -> None:
        self.prepare()
        self.serve_forever()

    def prepare(self) -> None:
        pass
