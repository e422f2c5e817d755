"""How long a GitHub Actions job keeps a program it started in the background
(formats/github_actions_runs.background_minutes)."""
from deploylint.formats.github_actions import _STARTS, _finite
from deploylint.formats.github_actions_runs import background_minutes


def minutes(*steps):
    return background_minutes(list(steps), _STARTS.search, _finite)


def test_background_then_checks_is_short():
    assert minutes("npm ci", "npm run preview &", "sleep 10", "npx wait-on http://localhost:3000\nnpx playwright test") == 10 / 60


def test_nohup_redirect_background():
    assert minutes("nohup python app.py > app.log 2>&1 &\ncurl -f localhost:8000") == 0


def test_wait_in_the_same_step_holds():
    assert minutes("python bot.py &\nsleep 5\nwait") is None


def test_wait_in_another_step_does_not_hold():
    # each step is its own shell: `wait` there has no job to wait for
    assert minutes("python bot.py &", "wait") == 0


def test_foreground_program_after_the_background_one_holds():
    assert minutes("python bot.py & python web.py") is None
    assert minutes("python web.py") is None


def test_foreground_program_before_the_background_one_is_setup():
    # the author expects it to end: the background start after it would never run otherwise
    assert minutes("python setup_env.py --token $T\npython bot/main.py &\nsleep 600\nkill %1") == 10
    assert minutes("for f in a b; do python gen.py $f; done", "node server.js &", "curl -f localhost") == 0


def test_keep_alive_holds():
    assert minutes("python bot.py &", "sleep infinity") is None
    assert minutes("python bot.py &", "tail -f /dev/null") is None
    assert minutes("python bot.py &", "while true; do sleep 60; done") is None
    assert minutes("python bot.py &", "sleep $DELAY") is None


def test_long_fixed_sleep_is_the_run_length():
    assert minutes("python bot.py &", "sleep 50m") == 50


def test_retry_loop_with_break_is_a_check():
    assert minutes("npm start &\nfor i in 1 2 3; do curl -f localhost:3000 && break; sleep 2; done") == 0


def test_nothing_in_background():
    assert minutes("npm ci", "npm test") is None


def test_hostile_text_stays_bounded():
    text = "python bot.py &\n" * 20000 + "echo done"
    assert minutes(text) == 0
    assert minutes("(" * 5000 + "python bot.py &") in (None, 0)


def test_production_secret_names():
    from deploylint.formats.github_actions_runs import production_secret

    job = {"steps": [{"env": {"BOT_TOKEN": "${{ secrets.BOT_TOKEN }}"}}]}
    assert production_secret(job, {}) == "BOT_TOKEN"
    for name in ("TEST_BOT_TOKEN", "BOT_TOKEN_TEST", "DEV_TOKEN", "STAGING_BOT_TOKEN", "GITHUB_TOKEN", "CI_BOT_KEY"):
        assert production_secret({"steps": [{"run": f"python bot.py --token ${{{{ secrets.{name} }}}}"}]}, {}) == "", name
    assert production_secret({"steps": []}, {"env": {"TOKEN": "${{ secrets.TELEGRAM_TOKEN }}"}}) == "TELEGRAM_TOKEN"
    assert production_secret({"steps": [{"env": {"X": "${{ secrets.REGISTRY_USER }}"}}]}, {}) == ""
    assert production_secret({"steps": [{"run": "secrets.a " * 50_000}]}, {}) == ""
