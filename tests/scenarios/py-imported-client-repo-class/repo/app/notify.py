from pyrogram import enums

MODE = enums.ParseMode.HTML
