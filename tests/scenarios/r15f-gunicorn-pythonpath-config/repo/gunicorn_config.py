pythonpath = "web"
preload_app = True
bind = "0.0.0.0:8000"
