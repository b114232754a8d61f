"""Types of the optional C loader (digimandate/_native/cload.c)."""

from typing import Any

def configure(library: str, lmap: type, llist: type, array: type, resolve: Any, first_chars: str,
              empty_resolves: bool, /) -> bool: ...
def load(raw: bytes, src: str, max_depth: int, max_nodes: int, /) -> Any: ...
