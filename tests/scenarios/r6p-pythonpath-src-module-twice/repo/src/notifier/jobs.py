def register(application, region):
    application.bot_data["region"] = region
