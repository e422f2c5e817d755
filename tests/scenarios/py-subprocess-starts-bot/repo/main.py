import subprocess
import sys

from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    subprocess.Popen([sys.executable, "bot.py"])
    app.run(host="0.0.0.0", port=8000)
