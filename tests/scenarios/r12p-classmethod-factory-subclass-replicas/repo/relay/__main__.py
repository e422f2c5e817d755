from relay.telegram_service import TelegramService

TelegramService.from_env().run()
