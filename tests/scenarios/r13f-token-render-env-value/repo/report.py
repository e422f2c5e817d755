import os

print(os.environ["REPORT_BOT_TOKEN"][:3])
