"""A union-find partition: which spellings belong to one entity."""
from __future__ import annotations


class Partition:
    """Disjoint sets over hashable items, with path halving.

    >>> p = Partition("abc"); p.join("a", "b"); p.root("a") == p.root("b") != p.root("c")
    True
    """

    def __init__(self, items):
        self.parent = {item: item for item in items}

    def root(self, item):
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, item, into) -> None:
        """Put `item`'s set under `into`'s root (so `into`'s root stays root)."""
        a, b = self.root(item), self.root(into)
        if a != b:
            self.parent[a] = b

    def join_alike(self, items, key) -> None:
        """Join each item into the first of `items` with the same `key(item)`.

        >>> p = Partition(["Kyiv", "KYIV", "Lviv"]); p.join_alike(p.parent, str.lower)
        >>> p.root("KYIV"), p.root("Lviv")
        ('Kyiv', 'Lviv')
        """
        first_of: dict = {}
        for item in items:
            first = first_of.setdefault(key(item), item)
            if first != item:
                self.join(item, first)
