import argparse

from telegram.ext import Application

parser = argparse.ArgumentParser()
parser.add_argument("mode")
parser.add_argument("files", nargs=2)
args = parser.parse_args()
if args.mode == "bot":
    Application.builder().token("t").build().run_polling()
