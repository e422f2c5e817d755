def main() -> None:
    print("weekly report")
