"""The post that sent a Department of State INCOMING TELEGRAM (the 1960s printed form).

The form prints "FROM:" over the name of the post in ordinary capitals ("FROM: Leopoldville",
"FROM: Elisabethville"): a single word, which the memo header reader does not take for a
sender (a lone word after FROM is mostly a fragment in a memorandum).
"""

import re

_INCOMING_RE = re.compile(r"(?i)\bINCOMING[ \t]+TELEGRAM\b")
_FROM_POST_RE = re.compile(
    r"^\W{0,2}FROM\W{0,2}[:;.][ \t]*(?P<post>[A-Z][a-z]{3,15}(?:[ \t][A-Z][a-z]{3,15})?)\W{0,2}$"
)
HEAD_LINES = 100  # the form's header (blank lines between): routing boxes, control, FROM, TO


def sender_post(ctx, out) -> None:
    """Offer the post on the FROM line of an incoming telegram's form as its sender."""
    if "sender" in out.values:
        return
    lines = [
        line
        for i, line in enumerate(ctx.lines[ctx.lo : ctx.lo + HEAD_LINES], ctx.lo)
        if not ctx.noise(i)
    ]
    if not any(_INCOMING_RE.search(line.text) for line in lines[:12]):
        return
    for line in lines:
        if m := _FROM_POST_RE.match(line.text.strip()):
            start = line.start + line.text.index(m["post"])
            out.offer("sender", m["post"], 0.7, span=(start, line.end), rule="incoming-post")
            return
