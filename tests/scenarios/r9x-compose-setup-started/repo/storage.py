def connect():
    print("connected")


def create_tables():
    print("tables created")
