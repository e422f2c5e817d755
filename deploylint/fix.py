"""`--fix`, `--unsafe-fixes` and `--diff`: apply the edits rules attach to findings.

Every fix is re-checked before it is written: the scan runs again on the new text
(nothing written yet) and the fix is kept only when the finding it fixes is gone, no new
finding appears and the edited file still parses. Fixes that pass together are written
together; when a combination fails, each is tried alone, and the ones that pass alone
are added one by one, safe ones first, while they still pass together. A fix may also
create a file or delete one (FileEdit: DPL005's migration to `.railway/railway.ts`); a
finding of a deleted file that reappears elsewhere with the same code and severity moved
with the settings and is not new. Edits are minimal replacements at parsed locations,
so the rest of the file stays byte-for-byte as it was.
"""
from __future__ import annotations

from .record import dataclass, field
from pathlib import Path


@dataclass
class Outcome:
    texts: dict[str, str | None] = field(default_factory=dict)  # root-relative path -> new text (None: deleted)
    originals: dict[str, str | None] = field(default_factory=dict)  # None: the file is created
    fixed: list = field(default_factory=list)  # the findings the written edits remove
    refused: list = field(default_factory=list)  # (finding, why)


def candidates(result, unsafe: bool) -> list:
    allowed = ("safe", "unsafe") if unsafe else ("safe",)
    return [f for f in result.findings if f.fix is not None and f.fix.applicability in allowed]


def apply_edits(text: str, edits) -> str | None:
    """`text` with `edits` applied (None when two edits overlap)."""
    lines = text.splitlines(keepends=True)
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line)

    def index(line: int, column: int) -> int | None:
        if not 1 <= line <= len(lines):
            return None
        return starts[line - 1] + min(column - 1, len(lines[line - 1].rstrip("\r\n")))

    spans = []
    for edit in edits:
        begin, end = index(edit.line, edit.column), index(edit.end_line, edit.end_column)
        if begin is None or end is None or end < begin:
            return None
        spans.append((begin, end, edit.content))
    spans.sort()
    for (_, end, _), (begin, _, _) in zip(spans, spans[1:]):
        if begin < end:
            return None
    for begin, end, content in reversed(spans):
        text = text[:begin] + content + text[end:]
    return text


def _key(finding) -> tuple:
    return (finding.code, finding.location.path, finding.location.line)


def _texts_for(result, findings) -> dict[str, str | None] | None:
    from .model import FileEdit
    from .safe import is_inside

    by_path: dict[str, list] = {}
    for finding in findings:
        for edit in finding.fix.edits:
            by_path.setdefault(edit.path, []).append(edit)
    texts: dict[str, str | None] = {}
    for path, edits in by_path.items():
        whole = list(dict.fromkeys(e for e in edits if isinstance(e, FileEdit)))
        if whole:
            # a file written whole (created) or deleted: the only edit of its path, and a
            # created file must not exist yet (never overwritten)
            if len(whole) != 1 or len(edits) != len(whole) or _exists(result, path) == (whole[0].content is not None) \
                    or not is_inside(str((Path(result.root) / path).parent), result.root):
                return None
            texts[path] = whole[0].content
            continue
        original = result.repo.read_text(path)
        if original is None:
            return None
        new = apply_edits(original, list(dict.fromkeys(edits)))
        if new is None:
            return None
        texts[path] = new
    return texts


def _exists(result, path: str) -> bool:
    return result.repo.exists(path) or (Path(result.root) / path).exists() or (Path(result.root) / path).is_symlink()


def _passes(result, settings, findings, texts) -> bool:
    return _refusal(result, settings, findings, texts) is None


def _refusal(result, settings, findings, texts) -> str | None:
    """Why the edited tree fails the re-check, or None when it passes. A finding of a file
    the fix deletes may reappear elsewhere with the same code: it moved with the settings
    (a migration's DPL107 now on the Dockerfile whose CMD the migrated start replaces),
    at the same severity: a warning about copies a migration would carry (DPL102) that
    becomes an error is new."""
    from .engine import scan

    after = scan(result.root, settings, overlay=texts).findings
    before = {_key(f) for f in result.findings}
    now = {_key(f) for f in after}
    if any(_key(f) in now for f in findings):
        return "the finding is still there after the edit"
    deleted = {path for path, text in texts.items() if text is None}
    moved = {(f.code, f.severity) for f in result.findings if f.location.path in deleted}
    new = sorted(_key(f) for f in after if _key(f) not in before and (f.code, f.severity) not in moved)
    if new:  # something new appeared (a parse error included)
        code, path, line = new[0]
        return f"the edit would add {code} at {result.display(path)}:{line}" + (f" (and {len(new) - 1} more)" if len(new) > 1 else "")
    return None


def plan(result, settings, unsafe: bool) -> Outcome:
    """The verified edits for one scan result (nothing is written here)."""
    outcome = Outcome()
    chosen = candidates(result, unsafe)
    if not chosen:
        return outcome
    texts = _texts_for(result, chosen)
    if texts is None or not _passes(result, settings, chosen, texts):
        passing = []
        for finding in chosen:
            alone = _texts_for(result, [finding])
            why = "the edit cannot be applied" if alone is None else _refusal(result, settings, [finding], alone)
            if why is None:
                passing.append(finding)
            else:
                outcome.refused.append((finding, f"the re-check after the edit did not pass: {why}"))
        chosen = passing
        texts = _texts_for(result, chosen) if chosen else {}
        if chosen and (texts is None or not _passes(result, settings, chosen, texts)):
            # fixes that pass alone but not together: safe ones first, each kept while the
            # ones kept so far still pass with it (a safe `numReplicas: 1` wins over the
            # unsafe migration of the same file)
            kept: list = []
            for finding in sorted(chosen, key=lambda f: f.fix.applicability != "safe"):
                trial = _texts_for(result, [*kept, finding])
                if trial is not None and _passes(result, settings, [*kept, finding], trial):
                    kept.append(finding)
                else:
                    outcome.refused.append((finding, "it conflicts with another fix"))
            chosen = kept
            texts = _texts_for(result, chosen) if chosen else {}
    outcome.fixed = chosen
    outcome.texts = texts or {}
    outcome.originals = {path: result.repo.read_text(path) if _exists(result, path) else None for path in outcome.texts}
    return outcome


def diff(result, outcome: Outcome) -> str:
    """A unified diff of the fixes, safe for a terminal: control characters in a file name
    or a changed line (an ANSI escape, a bare CR, a bidi override) are written as escapes
    (safe.printable), so a file cannot forge diff lines or drive the terminal; each line's
    own ending (LF or CRLF) is kept, so a clean file's diff still applies."""
    import difflib

    from .safe import printable

    parts = []
    for path in sorted(outcome.texts):
        shown = printable(result.display(path))
        old, new = (shown, shown) if shown.startswith("/") else (f"a/{shown}", f"b/{shown}")
        before, after = outcome.originals[path], outcome.texts[path]
        old, new = "/dev/null" if before is None else old, "/dev/null" if after is None else new  # created, deleted
        parts.extend(difflib.unified_diff((before or "").splitlines(keepends=True),
                                          (after or "").splitlines(keepends=True), fromfile=old, tofile=new))
    return "".join(_line(part) for part in parts)


def _line(part: str) -> str:
    from .safe import printable

    body = part.rstrip("\r\n")
    ending = part[len(body):]
    ending = ending if ending in ("\n", "\r\n") else printable(ending[:-1]) + "\n" if ending.endswith("\n") \
        else printable(ending)
    if not ending.endswith("\n"):
        ending += "\n\\ No newline at end of file\n"
    return printable(body) + ending


def write(result, outcome: Outcome) -> None:
    """Edited files keep their BOM; a created file is written (its directories made) only
    where nothing exists yet, inside the root; a deleted file is removed last, after every
    other write succeeded."""
    from .safe import is_inside

    root = Path(result.root)
    deleted = [path for path, text in outcome.texts.items() if text is None]
    for path, text in outcome.texts.items():
        target = root / path
        if text is None:
            continue
        if outcome.originals.get(path) is None:
            if not is_inside(str(target.parent), str(root)):
                continue  # a directory on the way is a symlink out of the root (refused by plan too)
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "x", encoding="utf-8", newline="") as stream:  # never over an existing file
                stream.write(text)
            continue
        data = text.encode("utf-8")
        original = (Path(result.root) / path).read_bytes()
        if original.startswith(b"\xef\xbb\xbf"):
            data = b"\xef\xbb\xbf" + data
        target.write_bytes(data)
    for path in deleted:
        target = root / path
        if target.is_file() and not target.is_symlink():
            target.unlink()
