[supervisord]
nodaemon=true

[program:bot]
command=python bot.py
directory=/app

[program:web]
command=gunicorn web:app
directory=/app
