from taskiq import TaskiqScheduler
