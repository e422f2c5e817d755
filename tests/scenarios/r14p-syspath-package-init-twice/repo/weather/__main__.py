from forecast_bot import serve

serve()
