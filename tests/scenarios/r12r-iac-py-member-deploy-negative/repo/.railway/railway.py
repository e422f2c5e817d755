from railway_sdk import define_railway, project, service


@define_railway
def main(ctx=None):
    web = service("web", start="gunicorn main:app")
    worker = service("worker", replicas=2)
    worker.deploy = {"startCommand": "gunicorn main:app"}
    return project("shop", resources=[web, worker])
