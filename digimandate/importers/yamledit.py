"""Write changed data back into the YAML text it came from, keeping the author's layout wherever nothing changed.

An import that records a few answers must not rewrite the whole organisation file in another
style: the auditor reads the difference. Only what changed is written: a key added to a block
mapping is a line inserted under it, an entity added to a list is an item after the last one, a
value changed is replaced where it stands (a flow mapping stays a flow mapping on its line).
Everything else stays byte for byte. What this cannot do (a key removed, a block collection
replaced by a scalar, a file whose text is not the data) gives None: the caller writes the whole file.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from digimandate.model.loader import dump

Edit = tuple[int, int, str]  # replace text[start:end] with the string


def patch(text: str, old: Any, new: Any) -> str | None:
    """``text`` (whose data is ``old``) changed so that its data is ``new``; None when that cannot be done in place."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, MappingNode) or root.flow_style:
        return None
    edits: list[Edit] = []
    if not _edit(text, root, old, new, edits):
        return None
    out = text
    # from the end back, so that each position still holds; at one position the edit made last goes in first,
    # ending up after the others (an item added to the last list, then a key added after that list)
    for _, (start, end, replacement) in sorted(enumerate(edits), key=lambda e: (e[1][0], e[1][1], e[0]), reverse=True):
        out = out[:start] + replacement + out[end:]
    return out


def _edit(text: str, node: Node, old: Any, new: Any, edits: list[Edit]) -> bool:
    """Add to ``edits`` what turns ``node`` (holding ``old``) into ``new``; False when it cannot."""
    if type(old) is type(new) and old == new:
        return True
    if isinstance(node, MappingNode) and not node.flow_style and isinstance(old, dict) and isinstance(new, dict):
        return _mapping(text, node, old, new, edits)
    if isinstance(node, SequenceNode) and not node.flow_style and isinstance(old, list) and isinstance(new, list):
        return _sequence(text, node, old, new, edits)
    if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style:
        return False  # a block collection that becomes something else: not a change made in place
    start, end = node.start_mark.index, _end(text, node)
    replacement = _flow(new)
    if start == end:  # a key with nothing after it (`owner:`): the value goes after the colon
        if text[:start].rstrip(" \t").endswith(":"):
            edits.append((start, end, (" " if not text[:start].endswith(" ") else "") + replacement))
            return True
        return False
    edits.append((start, end, replacement))
    return True


def _mapping(text: str, node: MappingNode, old: dict[str, Any], new: dict[str, Any], edits: list[Edit]) -> bool:
    pairs = {k.value: v for k, v in node.value if isinstance(k, ScalarNode)}
    if set(pairs) != set(old) or len(pairs) != len(node.value) or set(old) - set(new) or not node.value:
        return False
    for key, value in old.items():
        if not _edit(text, pairs[key], value, new[key], edits):
            return False
    added = {k: v for k, v in new.items() if k not in old}
    if added:
        column = node.value[0][0].start_mark.column
        at = _after_comment(text, _end(text, node.value[-1][1]))
        edits.append((at, at, "\n" + _indent(dump(added, width=110), column)))
    return True


def _sequence(text: str, node: SequenceNode, old: list[Any], new: list[Any], edits: list[Edit]) -> bool:
    if len(new) < len(old) or len(node.value) != len(old) or not node.value:
        return False
    for item, before, after in zip(node.value, old, new, strict=False):
        if not _edit(text, item, before, after, edits):
            return False
    if len(new) > len(old):
        first = node.value[0].start_mark.index
        if text[first - 2:first] != "- ":
            return False
        dash = node.value[0].start_mark.column - 2
        at = _after_comment(text, _end(text, node.value[-1]))
        edits.append((at, at, "\n" + _indent(dump(new[len(old):], width=110), dash)))
    return True


def _end(text: str, node: Node) -> int:
    """Where a node's own text ends: without the blank and comment lines a block node's end takes along."""
    start, end = node.start_mark.index, node.end_mark.index
    lines = text[start:end].split("\n")
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return start + len("\n".join(lines).rstrip(" \t"))


def _after_comment(text: str, at: int) -> int:
    """The end of the line at ``at`` when only a comment follows there: a line added below keeps the comment on
    the line it was written on."""
    newline = text.find("\n", at)
    newline = len(text) if newline < 0 else newline
    rest = text[at:newline].strip()
    return newline if not rest or rest.startswith("#") else at


def _indent(block: str, column: int) -> str:
    """A dumped block moved ``column`` spaces to the right, without its last newline."""
    return "\n".join(" " * column + line if line else line for line in block.rstrip("\n").split("\n"))


def _flow(value: Any) -> str:
    """A value on one line, as a flow collection or a scalar."""
    out = dump(value, default_flow_style=True, width=10**6)
    if out.endswith("\n...\n"):  # a plain scalar ends its document explicitly
        out = out[: -len("\n...\n")]
    return out.strip()
