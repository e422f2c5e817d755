import os

from flask import Flask

app = Flask(__name__)
os.system("python -m bot &")
app.run(host="0.0.0.0", port=8080)
