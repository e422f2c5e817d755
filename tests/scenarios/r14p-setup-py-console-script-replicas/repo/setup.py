from setuptools import find_packages, setup

ENTRY_POINTS = {
    "console_scripts": [
        "pollster = pollster.cli:main",
        "pollster-migrate = pollster.db:migrate",
    ],
}

setup(
    name="pollster",
    version="0.3.0",
    packages=find_packages(),
    install_requires=["pyTelegramBotAPI>=4"],
    entry_points=ENTRY_POINTS,
)
