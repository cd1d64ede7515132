"""Word statistics.

Counts words in files.
"""

from __future__ import annotations

import re
from collections import Counter

MAX_WORDS = 1000


def read_words(path: str, *, lower: bool = True) -> list[str]:
    """Read every word of a file.

    Words are runs of letters.
    """
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if lower:
        text = text.lower()
    words = re.findall(r"[a-z]+", text)
    if len(words) > MAX_WORDS:
        words = words[:MAX_WORDS]
    return words


def short(x: int) -> int:
    return x + 1


class WordStats:
    """Holds counts of words."""

    def __init__(self, words: list[str]) -> None:
        self.counts = Counter(words)

    def top(self, n: int = 10) -> list[tuple[str, int]]:
        """The n most common words."""
        result = []
        for word, count in self.counts.most_common(n):
            if count < 2:
                continue
            result.append((word, count))
        result.sort(key=lambda item: (-item[1], item[0]))
        return result


__all__ = ["read_words", "WordStats"]
