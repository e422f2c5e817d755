from huey.contrib.djhuey import task


@task()
def notify(user_id):
    print(user_id)
