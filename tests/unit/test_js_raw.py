"""Hand-written getUpdates loops in JavaScript (code/js_raw.py)."""
from __future__ import annotations

from test_code_javascript import run


def polling(found):
    return [(e.singleton, e.location.line, e.token) for e in found if e.kind == "polling"]


def test_fetch_in_while_loop(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const API = 'https://api.telegram.org/bot' + process.env.BOT_TOKEN;
        async function main() {
          let offset = 0;
          while (true) {
            const res = await fetch(`${API}/getUpdates?offset=${offset}&timeout=30`);
            offset += 1;
          }
        }
        main();
    """})
    assert polling(found) == [("Telegram polling (raw getUpdates loop)", 5, "")]


def test_function_that_reschedules_itself_with_token(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const https = require('https');
        const poll = () => {
          https.get(`https://api.telegram.org/bot${process.env.TG_TOKEN}/getUpdates?timeout=50`, () => setTimeout(poll, 100));
        };
        poll();
    """})
    assert polling(found) == [("Telegram polling (raw getUpdates loop)", 3, "TG_TOKEN")]


def test_url_in_a_constant_and_a_timer_callback(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const axios = require('axios');
        const URL = `https://api.telegram.org/bot${process.env.BOT_TOKEN}/getUpdates`;
        setInterval(async () => { await axios.get(URL, { params: { offset: 1 } }); }, 2000);
    """})
    assert [line for _, line, _ in polling(found)] == [3]


def test_single_calls_are_not_pollers(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        async function main() {
          await fetch(`https://api.telegram.org/bot${process.env.BOT_TOKEN}/getUpdates?offset=-1`);
          for (const u of await (await fetch(`https://api.telegram.org/bot${process.env.BOT_TOKEN}/getUpdates`)).json()) {
            console.log(u);
          }
          while (true) { await fetch('https://example.com/health'); }
        }
        main();
    """})
    assert polling(found) == []
