from gunicorn.app.base import BaseApplication

from web import app


class StandaloneApplication(BaseApplication):
    def __init__(self, application, options=None):
        self.options = options or {}
        self.application = application
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


if __name__ == "__main__":
    options = {"bind": "0.0.0.0:8000", "workers": 1,
               "worker_class": "uvicorn.workers.UvicornWorker"}
    StandaloneApplication(app, options).run()
