from plugins import runner


def later():
    runner.launch()
