import subprocess

from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    subprocess.run(["python", "migrate.py"], check=True)
    app.run(host="0.0.0.0", port=8000)
