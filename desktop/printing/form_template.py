"""Filling a form template: a small, strict placeholder language over Qt's rich-text HTML.

- ``{{name}}``: the value of field ``name``, HTML-escaped (line breaks become ``<br/>``);
- ``{{#name}}…{{/name}}``: repeated for each row of a list field (inside, the row's fields are placeholders
  too, as well as the form's), or shown once if a text field is not empty;
- ``{{^name}}…{{/name}}``: shown only if the field is an empty list or empty text;
- markup fields (e.g. the QR code image) are made by the renderer and inserted as they are.

An unknown name, an unclosed or mismatched section is a :class:`FormTemplateError` naming it, so a
province's typo in a template shows at once instead of printing a form with a hole in it.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeAlias

_TAG = re.compile(r"\{\{\s*([#^/]?)\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")

Value: TypeAlias = "str | Markup | tuple[Context, ...]"
Context: TypeAlias = "Mapping[str, Value]"


class FormTemplateError(ValueError):
    """A form template is malformed or names a field the form does not have."""


@dataclass(frozen=True, slots=True)
class Markup:
    """Trusted HTML made by the program (never from personal data), inserted unescaped."""

    html: str


@dataclass(frozen=True, slots=True)
class _Text:
    text: str


@dataclass(frozen=True, slots=True)
class _Var:
    name: str
    line: int


@dataclass(frozen=True, slots=True)
class _Section:
    name: str
    inverted: bool
    body: tuple[_Node, ...]
    line: int


_Node = _Text | _Var | _Section


def _line(source: str, pos: int) -> int:
    return source.count("\n", 0, pos) + 1


def parse_template(source: str) -> tuple[_Node, ...]:
    """Parse ``source``; raises ``FormTemplateError`` for unbalanced sections."""
    if not isinstance(source, str):
        raise TypeError(f"a template is text, not {type(source).__name__}")
    starts = {m.start() for m in _TAG.finditer(source)}
    for bad in (m.start() for m in re.finditer(r"\{\{", source)):
        if bad not in starts:
            raise FormTemplateError(f"line {_line(source, bad)}: a '{{{{' that is not a valid placeholder")
    stack: list[tuple[str, bool, int, list[_Node]]] = [("", False, 0, [])]
    pos = 0
    for match in _TAG.finditer(source):
        if match.start() > pos:
            stack[-1][3].append(_Text(source[pos : match.start()]))
        pos = match.end()
        sigil, name, line = match.group(1), match.group(2), _line(source, match.start())
        if sigil in ("#", "^"):
            stack.append((name, sigil == "^", line, []))
        elif sigil == "/":
            open_name, inverted, open_line, body = stack.pop() if len(stack) > 1 else ("", False, 0, [])
            if open_name != name:
                where = (
                    f"section {{{{{open_name}}}}} opened on line {open_line}" if open_name else "no section"
                )
                raise FormTemplateError(f"line {line}: {{{{/{name}}}}} closes {where}")
            stack[-1][3].append(_Section(name, inverted, tuple(body), open_line))
        else:
            stack[-1][3].append(_Var(name, line))
    if source[pos:]:
        stack[-1][3].append(_Text(source[pos:]))
    if len(stack) > 1:
        name, _, line, _ = stack[-1]
        raise FormTemplateError(f"line {line}: section {{{{{name}}}}} is never closed")
    return tuple(stack[0][3])


def escape(value: str) -> str:
    """HTML-escape ``value`` (quotes too) and keep its line breaks."""
    return html.escape(value, quote=True).replace("\r\n", "\n").replace("\n", "<br/>")


def _lookup(scopes: list[Context], name: str, line: int) -> Value:
    for scope in reversed(scopes):
        if name in scope:
            return scope[name]
    raise FormTemplateError(f"line {line}: the form has no field {{{{{name}}}}}")


def _render(nodes: tuple[_Node, ...], scopes: list[Context], out: list[str]) -> None:
    for node in nodes:
        if isinstance(node, _Text):
            out.append(node.text)
        elif isinstance(node, _Var):
            value = _lookup(scopes, node.name, node.line)
            if isinstance(value, Markup):
                out.append(value.html)
            elif isinstance(value, str):
                out.append(escape(value))
            else:
                raise FormTemplateError(
                    f"line {node.line}: {{{{{node.name}}}}} is a list: use {{{{#{node.name}}}}}…"
                    f"{{{{/{node.name}}}}}"
                )
        else:
            value = _lookup(scopes, node.name, node.line)
            empty = not value if isinstance(value, (str, tuple)) else not value.html
            if node.inverted:
                if empty:
                    _render(node.body, scopes, out)
            elif isinstance(value, tuple):
                for row in value:
                    _render(node.body, [*scopes, row], out)
            elif not empty:
                _render(node.body, scopes, out)


def fill(source: str, context: Context) -> str:
    """``source`` with its placeholders filled from ``context`` (values escaped)."""
    out: list[str] = []
    _render(parse_template(source), [context], out)
    return "".join(out)


def form_context(form: object) -> dict[str, Value]:
    """The placeholders of a form dataclass: its fields and class-level texts, lists as lists of rows."""
    if not dataclasses.is_dataclass(form) or isinstance(form, type):
        raise TypeError(f"expected a form dataclass, got {type(form).__name__}")
    context: dict[str, Value] = {
        name: value
        for name in ("form_number", "title")
        if isinstance(value := getattr(form, name, None), str)
    }
    for field in dataclasses.fields(form):
        context[field.name] = _value(getattr(form, field.name), field.name)
    return context


def _value(value: object, name: str) -> Value:
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        rows: list[Context] = []
        for item in value:
            if isinstance(item, str):
                rows.append({"item": item})
            elif dataclasses.is_dataclass(item) and not isinstance(item, type):
                rows.append({f.name: _value(getattr(item, f.name), f.name) for f in dataclasses.fields(item)})
            else:
                raise TypeError(f"the field {name} holds a {type(item).__name__}, not text or rows")
        return tuple(rows)
    raise TypeError(f"the field {name} is a {type(value).__name__}, not text or rows")
