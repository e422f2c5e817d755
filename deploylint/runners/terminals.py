"""Terminal multiplexers: `tmux` and GNU `screen` sessions started from a script.

A detached session runs its command under the multiplexer's own server, which outlives
the script: the command runs in the background, one copy per session started.

- `tmux new-session -d -s bot 'python bot.py'` (also `new`, `new-window`/`neww`,
  `split-window`/`splitw`): the command after the options (one word is shell text, several
  words are an argv). Without `-d`, new-session attaches: the command runs in the
  foreground. A session or window without a command starts a shell.
- `tmux send-keys -t bot 'python bot.py' C-m` (`send`): the words typed before `Enter` /
  `C-m` are a command line the session's shell runs.
- commands chained with `\\;` in one tmux call are each read.
- `screen -dmS bot python bot.py` (`-d -m`: detached; `-D -m`: screen stays in the
  foreground, the Docker idiom), `screen -S bot -X stuff 'python bot.py\\n'` types a line.
- anything else (`tmux kill-session`, `has-session`, `ls`, `screen -ls`, `screen -r`)
  starts nothing.
"""
from __future__ import annotations

from ..commands import Analysis, Call, Context, run_call

# tmux commands that run a command, with the options of each that take a value
_TMUX_VALUE_FLAGS = frozenset("ceFnstxyflp")
_TMUX_RUN = {"new-session": "new-session", "new": "new-session", "new-window": "new-window", "neww": "new-window",
             "split-window": "split-window", "splitw": "split-window", "respawn-pane": "respawn-pane",
             "respawnp": "respawn-pane", "respawn-window": "respawn-window", "respawnw": "respawn-window"}
_TMUX_SEND = frozenset({"send-keys", "send"})
_TMUX_GLOBAL_VALUES = frozenset({"-L", "-S", "-f", "-c", "-T"})
_ENTER = frozenset({"Enter", "C-m", "C-j", "KPEnter", "enter"})
# screen options that take a value (as the rest of the word or the next word)
_SCREEN_VALUES = frozenset("SctThepXsRx")
_SCREEN_QUERIES = frozenset({"-ls", "-list", "-wipe", "-v", "-version", "--version", "-help", "--help"})
MAX_CHAINED = 32  # tmux commands chained with `\;` in one call


def expand(call: Call, ctx: Context) -> Analysis:
    if call.program == "screen":
        return _screen(call, ctx)
    return _tmux(call, ctx)


def _nothing(call: Call, ctx: Context) -> Analysis:
    return Analysis([ctx.process(call, kind="other", long_running=False)])


def _tmux(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    i = 0
    while i < len(args) and args[i].startswith("-") and len(args[i]) > 1:  # `tmux -L sock new ...`
        i += 2 if args[i] in _TMUX_GLOBAL_VALUES else 1
    result = Analysis()
    chained = 0
    while i < len(args) and chained < MAX_CHAINED:
        end = next((k for k in range(i, len(args)) if args[k] in (";", "\\;")), len(args))
        _tmux_command(call, ctx, i + 1, end + 1, result)  # argv indexes (argv[0] is tmux)
        i = end + 1
        chained += 1
    return result if result.processes else _nothing(call, ctx)


def _tmux_command(call: Call, ctx: Context, start: int, end: int, result: Analysis) -> None:
    """One tmux command: argv[start:end]."""
    words = call.argv[start:end]
    if not words:
        return
    name = words[0]
    if name in _TMUX_SEND:
        _typed(call, ctx, start, end, result)
        return
    command = _TMUX_RUN.get(name)
    if command is None:
        return
    k, detached = 1, command != "new-session"
    while k < len(words) and words[k].startswith("-") and len(words[k]) > 1:
        word = words[k]
        if word == "--":
            k += 1
            break
        k += 1
        for position, flag in enumerate(word[1:], start=1):
            if flag in _TMUX_VALUE_FLAGS:  # `-s bot`, `-dsbot`, `-ds bot`
                k += position == len(word) - 1
                break
            detached = detached or flag == "d"
    if k >= len(words):
        return  # a session or window with the default shell
    note = f"`tmux {name}` runs it in a {'detached ' if detached else ''}tmux session"
    _run(call, ctx, start + k, end, detached, note, result)


def _typed(call: Call, ctx: Context, start: int, end: int, result: Analysis) -> None:
    """`tmux send-keys -t bot 'python bot.py' C-m`: the line typed before each Enter."""
    words = call.argv[start:end]
    k, literal = 1, False
    while k < len(words) and words[k].startswith("-") and len(words[k]) > 1:
        literal = literal or "l" in words[k][1:]
        k += 2 if words[k] in ("-t", "-N") else 1
    line: list[tuple[str, int]] = []
    for index in range(start + k, end):
        word = call.argv[index]
        if word in (";", "\\;"):
            break
        if word in _ENTER and not literal:
            if line:
                text = " ".join(w for w, _ in line)
                _text(call, ctx, text, line[0][1], "`tmux send-keys` types it into a tmux session's shell", result)
            line = []
        else:
            line.append((word, index))


def _screen(call: Call, ctx: Context) -> Analysis:
    args = call.args
    detached = foreground = multi = False
    command_at = -1  # `-X stuff 'text'`: where the screen command's name is
    i = 0
    while i < len(args) and args[i].startswith("-") and len(args[i]) > 1:
        word = args[i]
        if word in _SCREEN_QUERIES or word[1:2] in ("r", "R", "x"):
            return _nothing(call, ctx)  # list, resume, attach: starts nothing
        if word in ("-Logfile", "-logfile"):
            i += 2
            continue
        if word == "--":
            i += 1
            break
        takes = False
        for position, flag in enumerate(word[1:], start=1):
            if flag in _SCREEN_VALUES:
                takes = position == len(word) - 1  # `-dmS name`: the value is the next word
                if flag == "X":
                    command_at = i + 1 if takes else i
                    if not takes:  # `-Xstuff`
                        return _nothing(call, ctx)
                break
            detached = detached or flag == "d"
            foreground = foreground or flag == "D"
            multi = multi or flag == "m"
        i += 2 if takes else 1
    if command_at >= 0:  # `screen -S bot -X stuff 'python bot.py\n'`
        rest = args[command_at:]
        if len(rest) >= 2 and rest[0] == "stuff" and rest[1].endswith(("\\n", "\\r", "^M", "\n")):
            text = rest[1].rstrip("\n").removesuffix("\\n").removesuffix("\\r").removesuffix("^M")
            result = Analysis()
            _text(call, ctx, text, command_at + 2, "`screen -X stuff` types it into a screen session's shell", result)
            return result if result.processes else _nothing(call, ctx)
        return _nothing(call, ctx)
    if i >= len(args):
        return _nothing(call, ctx)  # a session with the default shell
    background = detached and multi and not foreground
    note = f"`screen` runs it in a {'detached ' if background else ''}screen session"
    result = Analysis()
    _run(call, ctx, i + 1, len(call.argv), background, note, result)
    return result if result.processes else _nothing(call, ctx)


def _run(call: Call, ctx: Context, start: int, end: int, background: bool, note: str, result: Analysis) -> None:
    """argv[start:end] as the session's command: one word is shell text, several an argv."""
    if end - start == 1:
        _text(call, ctx, call.argv[start], start, note, result, background)
        return
    inner = ctx.step(call.location, note).deeper(background=background or ctx.background)
    sub = Call(call.argv[start:end], call.at(start), background or call.background, call.env,
               call.arg_locations[start:end])
    result.add(run_call(sub, inner))


def _text(call: Call, ctx: Context, text: str, index: int, note: str, result: Analysis,
          background: bool = True) -> None:
    if not text.strip():
        return
    at = call.at(index)
    inner = ctx.step(call.location, note)
    if background or ctx.background:
        inner = inner.deeper(background=True)
    result.add(inner.analyse_shell(text, at.shifted(1) if at != call.location else at))
