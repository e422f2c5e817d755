def index_page():
    return "ok"
