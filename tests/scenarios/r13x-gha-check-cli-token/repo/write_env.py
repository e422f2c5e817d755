import sys

with open(".env", "w") as out:
    out.write(f"BOT_TOKEN={sys.argv[1]}\n")
