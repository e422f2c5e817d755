from flask import Flask

from scheduling import scheduler

app = Flask(__name__)

if __name__ == "__main__":
    app.run(port=8000)
