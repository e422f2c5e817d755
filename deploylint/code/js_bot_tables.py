"""The bot libraries the JavaScript detectors know (see /work/shared/SIGNATURES.md): which
packages, which classes construct a bot, and which methods poll, set a webhook or connect.
Kept apart from the detectors (js_bots) so adding a library is a table edit."""
from __future__ import annotations

import re

from ..patterns import lazy_re

PACKAGES = {"node-telegram-bot-api": "ntba", "telegraf": "telegraf", "grammy": "grammy", "discord.js": "discord",
            "telegram": "gramjs", "gramio": "gramio", "whatsapp-web.js": "wwebjs",
            # discord.js frameworks whose client class extends discord.js's Client (login() connects)
            "discord.js-commando": "discord", "@iceprod/discord.js-commando": "discord", "discord-akairo": "discord",
            "@sapphire/framework": "discord", "discordx": "discord",
            # a discord.js v13 fork for user accounts (selfbots): login() opens the account's gateway session
            "discord.js-selfbot-v13": "selfbot",
            # other Discord gateway libraries: `connect()` opens the gateway session
            "eris": "eris", "oceanic.js": "oceanic",
            # Twitch chat (IRC): every connection of the bot account gets every chat message
            "tmi.js": "tmi", "@twurple/chat": "twurple",
            "@twurple/easy-bot": "twurple-bot"}  # its Bot connects to chat in its constructor
LABELS = {"ntba": "node-telegram-bot-api", "telegraf": "Telegraf", "grammy": "grammY",
          "runner": "@grammyjs/runner", "discord": "discord.js", "gramjs": "GramJS", "gramio": "GramIO",
          "wwebjs": "whatsapp-web.js", "eris": "Eris", "oceanic": "Oceanic.js", "tmi": "tmi.js",
          "twurple": "@twurple/chat", "twurple-bot": "@twurple/easy-bot", "selfbot": "discord.js-selfbot-v13"}
CLASSES = {
    "node-telegram-bot-api": {None, "default", "TelegramBot"},
    "telegraf": {None, "default", "Telegraf"},
    "grammy": {"Bot"},
    "discord.js": {"Client"},
    "telegram": {"TelegramClient"},  # GramJS (MTProto)
    "gramio": {"Bot"},
    "whatsapp-web.js": {"Client"},  # WhatsApp Web session (js_whatsapp)
    "discord.js-commando": {"CommandoClient", "Client"},
    "@iceprod/discord.js-commando": {"CommandoClient", "Client"},
    "discord-akairo": {"AkairoClient"},
    "@sapphire/framework": {"SapphireClient"},
    "discordx": {"Client"},
    "discord.js-selfbot-v13": {"Client"},
    "eris": {None, "default", "Client", "CommandClient"},  # `new Eris(token)`, `new Eris.CommandClient(...)`
    "oceanic.js": {"Client"},
    "tmi.js": {"Client", "client"},  # `new tmi.Client(opts)`, also called without `new`
    "@twurple/chat": {"ChatClient"},
    "@twurple/easy-bot": {"Bot"},
}
# Constructor names recognised even when the import is not visible (`Telegraf.Telegraf`).
CLASS_NAMES = {"Telegraf": "telegraf", "TelegramBot": "node-telegram-bot-api"}
LAUNCH = "launch"  # Telegraf's launch: polling unless given a webhook option
METHODS = {
    "telegraf": {"launch": LAUNCH, "startPolling": "polling", "startWebhook": "webhook",
                 "createWebhook": "webhook", "webhookCallback": "webhook", "handleUpdate": "webhook",
                 "telegram.setWebhook": "webhook"},
    "ntba": {"startPolling": "polling", "setWebHook": "webhook", "openWebHook": "webhook",
             "processUpdate": "webhook"},
    "grammy": {"start": "polling", "api.setWebhook": "webhook", "handleUpdate": "webhook"},
    "discord": {"login": "gateway"},
    "selfbot": {"login": "gateway"},  # only on a known discord.js-selfbot-v13 Client
    "gramjs": {"start": "session", "connect": "session"},  # only on a known `new TelegramClient(...)`
    # GramIO's start() polls (deleting any webhook) unless given `{ webhook: {...} }`, like Telegraf's launch
    "gramio": {"start": LAUNCH, "api.setWebhook": "webhook"},
    "wwebjs": {"initialize": "session"},  # only on a known `new Client(...)` or `this` in a subclass
    "eris": {"connect": "gateway"},  # only on a known Eris client (`connect` is a common name)
    "oceanic": {"connect": "gateway"},
    "tmi": {"connect": "gateway"},  # only on a known tmi.js client
    "twurple": {"connect": "gateway"},  # only on a known `new ChatClient(...)`
}
# The libraries whose method connects to the Discord gateway, with their label.
DISCORD = {"discord": "discord.js", "eris": "Eris", "oceanic": "Oceanic.js", "selfbot": "discord.js-selfbot-v13"}
GENERIC = frozenset({"start", "login", "handleUpdate"})
BOTLIKE = lazy_re(r"bot|client", re.IGNORECASE)
