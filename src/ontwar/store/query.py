"""The search language, parsed and rewritten into an FTS5 query over the shadow text.

What users can write (operators in capitals, as in FTS5):

- words: ``defensiebudget`` — folded and stemmed like the index, so ``Belgie`` finds
  ``België`` and ``partner`` finds ``partners``; a word with inner punctuation
  (``Noord-Holland``, ``1.730``) is a phrase of its parts;
- prefixes: ``defensie*`` finds ``defensie``, ``defensiebudget``, ``defensie-uitgaven``;
- phrases: ``"strategische partner"`` (each word stemmed, so it finds "strategische partners");
- ``AND`` (also implied between terms), ``OR``, ``NOT`` (binary: ``a NOT b``), ``-word``
  (``a -b`` is ``a NOT b``), parentheses;
- ``NEAR(a b, 10)`` (FTS5's form; distance in words, 10 when left out) or ``a NEAR/5 b``.

Every term reaches FTS5 quoted (sqlite-utils' ``quote_fts`` habit), so no user text is ever
read as FTS5 syntax. Malformed input raises :class:`QuerySyntaxError` naming the problem.

>>> to_fts('"strategische partners" OR Belgie')
'("strategisch partner" OR "belgie")'
>>> to_fts("defensie* -begroting")
'("defensie"* NOT "begroot")'
>>> to_fts("NEAR(MGCS tank, 5)")
'NEAR("mgcs" "tank", 5)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ontwar.store.errors import QuerySyntaxError
from ontwar.store.normalise import fold, stem, term, words

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64
MAX_DEPTH = 16
MIN_PREFIX = 2
"""A prefix needs this many letters; shorter ones would match most of the index."""
NEAR_DEFAULT = 10
NEAR_MAX = 1000
OPERATORS = ("AND", "OR", "NOT")
_NEAR_INFIX = re.compile(r"NEAR(?:/(\d+))?")
_SPECIAL = '()",'


# --- syntax tree ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase: its words as written, and whether the last one is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False

    def fts(self, in_near: bool = False) -> str:
        terms = [term(word) for word in self.words]
        if not self.prefix:
            return _quote(terms)
        folded = fold(self.words[-1])
        stemmed = terms[-1]
        if in_near or stemmed == folded:
            # NEAR takes phrases only: use the shorter of the two as the prefix
            last = stemmed if folded.startswith(stemmed) else folded
            return _quote([*terms[:-1], last]) + "*"
        # "partners*": the stem "partner" is an exact term, the folded word a prefix
        return f"({_quote([*terms[:-1], folded])}* OR {_quote(terms)})"


@dataclass(frozen=True, slots=True)
class Near:
    items: tuple[Term, ...]
    distance: int

    def fts(self) -> str:
        inner = " ".join(item.fts(in_near=True) for item in self.items)
        return f"NEAR({inner}, {self.distance})"


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]

    def fts(self) -> str:
        return "(" + " AND ".join(item.fts() for item in self.items) + ")"


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]

    def fts(self) -> str:
        return "(" + " OR ".join(item.fts() for item in self.items) + ")"


@dataclass(frozen=True, slots=True)
class Not:
    keep: Node
    drop: Node

    def fts(self) -> str:
        return f"({self.keep.fts()} NOT {self.drop.fts()})"


Node = Term | Near | And | Or | Not


def _quote(terms: list[str]) -> str:
    return '"' + " ".join(terms) + '"'


# --- lexer ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # word, phrase, op, near, near_infix, minus, (, ), ","
    text: str
    at: int
    prefix: bool = False
    distance: int | None = None


def _lex(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
        elif char in "(),":
            tokens.append(_Token(char, char, i))
            i += 1
        elif char == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise _error(query, i, 'unbalanced quote: close the phrase with "')
            prefix = query.startswith("*", end + 1)
            tokens.append(_Token("phrase", query[i + 1 : end], i, prefix=prefix))
            i = end + 1 + prefix
        elif char == "-" and i + 1 < n and not query[i + 1].isspace() and _starts_term(tokens):
            tokens.append(_Token("minus", "-", i))
            i += 1
        else:
            start = i
            while i < n and not query[i].isspace() and query[i] not in _SPECIAL:
                i += 1
            text = query[start:i]
            if text in OPERATORS:
                tokens.append(_Token("op", text, start))
            elif text == "NEAR" and query.startswith("(", i):
                tokens.append(_Token("near", text, start))
                i += 1
            elif infix := _NEAR_INFIX.fullmatch(text):
                distance = int(infix.group(1)) if infix.group(1) else NEAR_DEFAULT
                tokens.append(_Token("near_infix", text, start, distance=distance))
            elif text.endswith("*") or words(text):
                prefix = text.endswith("*")
                tokens.append(_Token("word", text.rstrip("*"), start, prefix=prefix))
            # else: a symbol on its own (``&``, ``–``) is skipped, as the index skips it
    return tokens


def _starts_term(tokens: list[_Token]) -> bool:
    """A ``-`` negates only where a new term may start (``a -b``), not inside ``a-b``."""
    return not tokens or tokens[-1].kind in ("word", "phrase", ")", "(", "op", "minus")


def _error(query: str, at: int | None, problem: str) -> QuerySyntaxError:
    where = f" at character {at + 1}" if at is not None else ""
    shown = query if len(query) <= 80 else query[:77] + "..."
    return QuerySyntaxError(f"query {shown!r}{where}: {problem}", at)


# --- parser -----------------------------------------------------------------------------------


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _lex(query)
        self.i = 0
        self.depth = 0
        self.terms = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def fail(self, problem: str, token: _Token | None = None) -> QuerySyntaxError:
        token = token if token is not None else self.peek()
        return _error(self.query, token.at if token else len(self.query), problem)

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.or_expr()
        token = self.peek()
        if token is not None:
            if token.kind == ")":
                raise self.fail("unbalanced parenthesis: ')' without '('", token)
            raise self.fail(f"unexpected {token.text!r}", token)
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == "op" and token.text == "OR":
            self.take()
            items.append(self.and_expr(after="OR"))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self, after: str | None = None) -> Node:
        keep: list[Node] = []
        drop: list[Node] = []
        while True:
            token = self.peek()
            if token is None or token.kind == ")" or (token.kind == "op" and token.text == "OR"):
                break
            if token.kind == "op" and token.text == "AND":
                if not keep and not drop:
                    raise self.fail(f"{after or 'AND'} needs a term on both sides", token)
                self.take()
                after = "AND"
                nxt = self.peek()
                if nxt is not None and nxt.kind == "op" and nxt.text == "NOT":
                    continue  # "a AND NOT b" reads as "a NOT b"
                if nxt is None or nxt.kind in (")", "op"):
                    raise self.fail("AND needs a term on both sides", token)
                continue
            if token.kind == "op" and token.text == "NOT":
                if not keep:
                    raise self.fail(
                        "NOT needs a term before it (FTS5 has no lone NOT); "
                        "write e.g. 'begroting NOT defensie'",
                        token,
                    )
                self.take()
                nxt = self.peek()
                if nxt is None or nxt.kind in (")", "op"):
                    raise self.fail("NOT needs a term after it", token)
                drop.append(self.not_operand())
                continue
            if token.kind == "minus":
                self.take()
                drop.append(self.not_operand())
                continue
            if token.kind == ",":
                self.take()  # a stray comma separates words, as a space does
                continue
            keep.append(self.near_chain())
            after = None
        if not keep:
            token = self.peek()
            if drop:
                raise self.fail("a query cannot only exclude words; add a word to look for", token)
            if after or (token is not None and token.kind == "op"):
                raise self.fail(f"{after or token.text} needs a term on both sides", token)
            raise self.fail("empty expression; put a term there", token)
        node: Node = keep[0] if len(keep) == 1 else And(tuple(keep))
        for excluded in drop:
            node = Not(node, excluded)
        return node

    def not_operand(self) -> Node:
        token = self.peek()
        if token is None:
            raise self.fail("NOT needs a term after it")
        return self.primary()

    def near_chain(self) -> Node:
        first = self.primary()
        token = self.peek()
        if token is None or token.kind != "near_infix":
            return first
        items = [first]
        distance = token.distance or NEAR_DEFAULT
        while (token := self.peek()) is not None and token.kind == "near_infix":
            self.take()
            distance = max(distance, token.distance or NEAR_DEFAULT)
            nxt = self.peek()
            if nxt is None or nxt.kind not in ("word", "phrase"):
                raise self.fail(f"{token.text} needs a word or phrase on both sides", token)
            items.append(self.primary())
        for item in items:
            if not isinstance(item, Term):
                raise self.fail("NEAR joins words and phrases only", token)
        return Near(tuple(items), min(distance, NEAR_MAX))  # type: ignore[arg-type]

    def primary(self) -> Node:
        token = self.peek()
        if token is None:
            raise self.fail("the query ends where a term was expected")
        if token.kind == "(":
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise self.fail(f"more than {MAX_DEPTH} nested parentheses", token)
            nxt = self.peek()
            if nxt is not None and nxt.kind == ")":
                raise self.fail("empty parentheses", token)
            node = self.or_expr()
            close = self.peek()
            if close is None or close.kind != ")":
                raise self.fail("unbalanced parenthesis: add the missing ')'", token)
            self.take()
            self.depth -= 1
            return node
        if token.kind == "near":
            return self.near_group()
        if token.kind in ("word", "phrase"):
            self.take()
            return self.term(token)
        if token.kind == ")":
            raise self.fail("unbalanced parenthesis: ')' without '('", token)
        if token.kind == "near_infix":
            raise self.fail(f"{token.text} needs a word or phrase on both sides", token)
        raise self.fail(f"{token.text} needs a term on both sides", token)

    def near_group(self) -> Near:
        start = self.take()
        items: list[Term] = []
        distance = NEAR_DEFAULT
        while True:
            token = self.peek()
            if token is None:
                raise self.fail("unbalanced parenthesis: NEAR( needs its ')'", start)
            if token.kind == ")":
                self.take()
                break
            if token.kind == ",":
                self.take()
                number = self.peek()
                if number is None or number.kind != "word" or not number.text.isdigit():
                    raise self.fail("NEAR(..., N) needs a whole number of words as N", token)
                self.take()
                distance = min(int(number.text), NEAR_MAX)
                close = self.peek()
                if close is None or close.kind != ")":
                    raise self.fail("NEAR(..., N) ends with ')' after N", number)
                continue
            if token.kind not in ("word", "phrase"):
                raise self.fail("NEAR( ) holds words and phrases only", token)
            self.take()
            items.append(self.term(token))
        if len(items) < 2:
            raise self.fail("NEAR needs at least two words or phrases", start)
        return Near(tuple(items), distance)

    def term(self, token: _Token) -> Term:
        parts = tuple(word for _, _, word in words(token.text))
        if not parts:
            if token.kind == "phrase":
                raise self.fail("empty phrase", token)
            if token.prefix:
                raise self.fail("a * ends a word prefix (defensie*); it cannot stand alone", token)
            raise self.fail(f"{token.text!r} has no letters or digits to search for", token)
        if token.prefix and len(fold(parts[-1])) < MIN_PREFIX:
            raise self.fail(
                f"prefix {parts[-1]!r}* is too short; give at least {MIN_PREFIX} letters", token
            )
        self.terms += len(parts)
        if self.terms > MAX_TERMS:
            raise self.fail(f"more than {MAX_TERMS} words; shorten the query", token)
        return Term(parts, token.prefix)


def parse(query: str) -> Node | None:
    """The syntax tree of ``query`` (``None`` when it holds no term at all)."""
    if len(query) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"query is {len(query)} characters, over the {MAX_QUERY_CHARS} limit; shorten it"
        )
    return _Parser(query).parse()


def to_fts(query: str) -> str | None:
    """The FTS5 MATCH expression for ``query`` (``None`` for an empty query)."""
    node = parse(query)
    return node.fts() if node is not None else None


def stems(query: str) -> list[str]:
    """The stemmed terms of a query (for display): ``stems("Partners")`` -> ``['partner']``."""
    return [stem(fold(word)) for _, _, word in words(query)]
