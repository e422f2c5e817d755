from runner import BotRunner

runner = BotRunner()
runner()
