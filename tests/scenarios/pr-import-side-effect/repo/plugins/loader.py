from plugins import runner

runner.launch()
