"""Column widths from what a table holds, so a cell wraps between words and never inside one.

A column is at least as wide as its longest word ("Belastingbetalingsregeling"); what width is left goes
to the columns with the most text, weighted by the widths the document model asks for. A table whose longest
words together are wider than the line (six columns headed "Afgerondheid", "Zelfstandigheid", ...) is set in
a smaller type, down to a floor, so that its words still stand whole.
"""

from __future__ import annotations

# Characters of 9-point text on one line of the 170 mm a page leaves, at the width of a wide font (DejaVu, which
# LibreOffice falls back to) so that a word fits in any font; a cell's padding takes about three.
LINE_CHARS = 84
PADDING_CHARS = 3
BOLD = 1.2
POINTS = 9.0  # the type of a table's cells
MIN_POINTS = 7.0  # the smallest type a wide table is set in: smaller does not print legibly


def longest_word(text: str) -> int:
    """The length of the longest word of a text: the narrowest its column can be without breaking it."""
    return max((len(word) for word in text.split()), default=0)


def _minimums(header: list[str] | None, rows: list[list[str]], ncols: int, bold: frozenset[int]) -> list[float]:
    """Per column the characters its longest word needs, a bold header's counted wider, with the cell's padding."""
    # a header is set in bold, which is wider
    heads = [longest_word(h) * BOLD for h in header] if header else [0.0] * ncols
    words = [max((longest_word(row[i]) for row in rows), default=0) * (BOLD if i in bold else 1)
             for i in range(ncols)]
    return [max(heads[i], words[i]) + PADDING_CHARS for i in range(ncols)]


def font_points(header: list[str] | None, rows: list[list[str]], bold: frozenset[int] = frozenset()) -> float:
    """The type size at which every column's longest word fits the line: 9 points, or less (half points, to 7)."""
    table = ([header] if header else []) + rows
    if not table:
        return POINTS
    need = sum(_minimums(header, rows, len(table[0]), bold))
    if need <= LINE_CHARS:
        return POINTS
    # a smaller type puts more characters on the line: as many more as the words need
    return max(MIN_POINTS, int(POINTS * LINE_CHARS / need * 2) / 2)


def column_widths(header: list[str] | None, rows: list[list[str]], widths: list[int] | None,
                  line: int = LINE_CHARS, bold: frozenset[int] = frozenset()) -> list[float]:
    """Relative column widths (summing to 1): each column fits its longest word; the rest goes by text and weight.

    ``bold`` names the columns set in bold throughout (the labels of a list of fields). When the longest words
    together are wider than the line, no width can keep them whole: the columns
    then share the line in proportion to those words, and a renderer breaks them as a last resort.
    """
    table = ([header] if header else []) + rows
    ncols = len(table[0]) if table else len(widths or [])
    if not ncols:
        return []
    weights: list[int] = widths if widths and len(widths) == ncols else [1] * ncols
    minimum = _minimums(header, rows, ncols, bold)
    # the text a column holds on average per row: long cells want width, short ones do not
    body = rows or table
    text: list[float] = [sum(len(row[i]) for row in body) / len(body) + PADDING_CHARS for i in range(ncols)]
    room = line - sum(minimum)
    if room <= 0:
        total = sum(minimum)
        return [m / total for m in minimum]
    # what a column would like beyond its minimum, in proportion to its text and its asked-for weight
    wants: list[float] = [max(t - m, 0.0) * w for t, m, w in zip(text, minimum, weights, strict=True)]
    total_wants = sum(wants)
    if total_wants == 0:
        wants = [float(w) for w in weights]
        total_wants = float(sum(weights))
    chars = [m + room * want / total_wants for m, want in zip(minimum, wants, strict=True)]
    total = sum(chars)
    return [c / total for c in chars]
