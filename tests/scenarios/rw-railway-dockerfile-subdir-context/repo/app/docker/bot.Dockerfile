FROM python:3.12-slim
WORKDIR /srv
COPY . .
CMD ["python", "bot.py"]
