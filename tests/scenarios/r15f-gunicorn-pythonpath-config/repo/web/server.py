from flask import Flask

from pages import index_page

app = Flask(__name__)
app.add_url_rule("/", view_func=index_page)
