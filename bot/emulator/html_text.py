"""Telegram's HTML parse mode: which tags it accepts and what text a person sees."""

from __future__ import annotations

from html.parser import HTMLParser

ALLOWED = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "tg-spoiler", "span", "blockquote", "tg-emoji",
}  # fmt: skip


class EntityError(ValueError):
    """What Telegram answers as "can't parse entities"."""


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            raise EntityError(f'Unsupported start tag "{tag}"')
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise EntityError(f'Unexpected end tag "{tag}"')
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a person sees for an HTML message; EntityError when Telegram would refuse it."""
    if "<" in html.replace("&lt;", ""):
        # A bare "<" that does not start a tag is refused by Telegram too.
        for index, char in enumerate(html):
            if char == "<" and not (
                html[index + 1 : index + 2].isalpha() or html[index + 1 : index + 2] == "/"
            ):
                raise EntityError(f"Unexpected character at byte offset {index}")
    parser = _Visible()
    parser.feed(html)
    parser.close()
    if parser.open:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{parser.open[-1]}"')
    return "".join(parser.parts)
