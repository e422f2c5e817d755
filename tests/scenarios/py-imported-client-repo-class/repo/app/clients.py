class Client:
    def __init__(self, base_url):
        self.base_url = base_url

    async def start(self):
        return self.base_url


client = Client("https://example.invalid")
