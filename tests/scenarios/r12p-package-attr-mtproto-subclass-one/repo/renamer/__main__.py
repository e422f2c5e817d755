import renamer

if __name__ == "__main__":
    renamer.bot.run()
