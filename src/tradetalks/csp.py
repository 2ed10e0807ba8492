"""The Content-Security-Policy of each page, computed from the inline scripts the theme wrote on it.

The last step of the flow (... -> hooks -> MkDocs + Material -> **csp** -> site/): the hooks hand
every page here once the theme has written it, and this module puts the page's policy where
`overrides/partials/csp.html` left `MARKER`, first in `<head>`. Only the site's own files may run
(`script-src 'self'`), plus the SHA-256 hash of each inline script on that page that the theme's
templates can produce. Nothing is committed per site path: Material's first inline script holds
the page's base URL (`../..`, or the site's path on the 404 page), so its hash differs with the
page's depth and with the folder the site is published in, and is computed here for whatever
`site_url`, pagination and page count the build has.

Which scripts are the theme's is derived from the theme's template files (`ThemeScripts`): every
`<script>` without `src` in a template is a pattern, its literal text exact and each `{{ ... }}`
in it a slot that must sit directly inside a JavaScript string (`"{{ base_url }}"`) and can only
match text that cannot leave the string or run (no quote, backslash, angle bracket, space or
scheme other than http(s)). An inline script that is no template's is left out of the policy, so
the browser blocks it and `tools/scan_site.py` fails the build. Editor text reaches pages escaped
(`render`), so it can never write a `<script>` at all; this keeps that guarantee independent of
the escaping: even a script that slipped through would not be allowed to run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Where `overrides/partials/csp.html` asks for the policy (first in <head>).
MARKER = "<!-- tradetalks-csp -->"
#: Every directive but the script hashes. Material sets inline styles (and the overview uses
#: style="--tt-swatch"), so style-src needs 'unsafe-inline'; styles cannot run script.
#: `frame-ancestors`, `report-uri` and `sandbox` are ignored in a <meta> policy: clickjacking
#: protection needs an HTTP header from the host.
DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
#: Script types that are data, never run (`__config`, JSON-LD): no hash needed.
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})

# An element ends at the first `</script` a browser sees, whatever the text inside looks like.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"""(?:^|\s)src\s*=""", re.I)
_TYPE = re.compile(r"""(?:^|\s)type\s*=\s*["']?([^"'\s>]+)""", re.I)
_SLOT = re.compile(r"\{\{-?.*?-?\}\}", re.S)
_JINJA_BLOCK = re.compile(r"\{%|\{#")
#: What a `{{ ... }}` slot may stand for: a URL or a word, which cannot end the string it sits
#: in ("), escape out of it (\), close the element (<) or become `javascript:`.
_SLOT_VALUE = r"(?:https?://)?[^\"'\\<>\s:]*"


def script_hash(text: str) -> str:
    """The CSP source of an inline script: `sha256-<base64 of the SHA-256 of its UTF-8 text>`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run in `html`, in page order (scripts
    with `src` and JSON data blocks left out)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group(1)
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if kind and kind.group(1).lower() in DATA_SCRIPT_TYPES:
            continue
        found.append(match.group(2))
    return found


def policy(hashes: Iterable[str]) -> str:
    """The policy text: DIRECTIVES with `hashes` (each `sha256-...`) added to script-src."""
    sources = " ".join(f"'{h}'" for h in dict.fromkeys(hashes))
    return "; ".join(f"{d} {sources}" if d.startswith("script-src ") and sources else d
                     for d in DIRECTIVES)


def meta_tag(hashes: Iterable[str]) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'


def _pattern(body: str) -> re.Pattern[str] | None:
    """A template script's text as a pattern, or None when it cannot be one safely: a Jinja
    statement or comment inside it, or a slot that is not a whole JavaScript string."""
    if _JINJA_BLOCK.search(body):
        return None
    parts: list[str] = []
    last = 0
    for slot in _SLOT.finditer(body):
        if body[slot.start() - 1:slot.start()] != '"' or body[slot.end():slot.end() + 1] != '"':
            return None
        parts += [re.escape(body[last:slot.start()]), _SLOT_VALUE]
        last = slot.end()
    parts.append(re.escape(body[last:]))
    return re.compile("".join(parts), re.S)


@dataclass
class ThemeScripts:
    """The inline scripts a theme's templates can write, read from its template folders."""

    patterns: tuple[re.Pattern[str], ...]
    #: Template scripts that cannot be recognised safely (so never run inline), for messages.
    refused: tuple[str, ...] = ()
    _seen: dict[str, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def from_templates(cls, folders: Sequence[Path]) -> ThemeScripts:
        patterns: dict[str, re.Pattern[str]] = {}
        refused: list[str] = []
        for folder in folders:
            for path in sorted(Path(folder).rglob("*.html")):
                text = path.read_text(encoding="utf-8", errors="replace")
                for match in _SCRIPT.finditer(text):
                    attrs = match.group(1)
                    kind = _TYPE.search(attrs)
                    if _SRC.search(attrs) or (kind and kind.group(1).lower() in DATA_SCRIPT_TYPES):
                        continue
                    pattern = _pattern(match.group(2))
                    if pattern is None:
                        refused.append(f"{path.relative_to(folder).as_posix()}")
                    else:
                        patterns.setdefault(pattern.pattern, pattern)
        return cls(tuple(patterns.values()), tuple(refused))

    def __contains__(self, text: str) -> bool:
        """Whether a template of the theme writes exactly this script (cached: a site has a
        handful of distinct inline scripts, repeated on every page)."""
        if text not in self._seen:
            self._seen[text] = any(p.fullmatch(text) for p in self.patterns)
        return self._seen[text]


@dataclass(frozen=True)
class Applied:
    """A page with its policy in place, the hashes it allows, and the inline scripts it does
    not allow (none on a sound build)."""

    html: str
    hashes: tuple[str, ...]
    foreign: tuple[str, ...]


def apply(html: str, theme: ThemeScripts) -> Applied | None:
    """`html` with MARKER replaced by its policy; None when the page has no MARKER (the
    partial was not included, as under `mkdocs serve`)."""
    at = html.find(MARKER)
    if at < 0:
        return None
    hashes: list[str] = []
    foreign: list[str] = []
    for text in inline_scripts(html):
        if text in theme:
            hashes.append(script_hash(text))
        else:
            foreign.append(text)
    tag = meta_tag(hashes)
    return Applied(html[:at] + tag + html[at + len(MARKER):], tuple(dict.fromkeys(hashes)),
                   tuple(foreign))
