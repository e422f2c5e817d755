def register(application) -> None:
    pass
