class Database:
    async def connect(self):
        return None

    async def disconnect(self):
        return None


database = Database()
