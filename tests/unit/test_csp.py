"""`tradetalks.csp`: which inline scripts are the theme's, and the policy put in each page.

The theme is Material's installed templates (plus this repository's overrides), read the way the
hooks read them; the pages are small hand-made HTML documents.
"""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from fixture_data import REPO
from tradetalks import csp

MATERIAL = Path(material.__file__).parent / "templates"
SCOPE = ('__md_scope=new URL("{}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.'
         'charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem('
         't.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem('
         'a.pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}')
TARGET = ('var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
          '(target.checked=target.name.startsWith("__tabbed_"))')


@pytest.fixture(scope="module")
def theme() -> csp.ThemeScripts:
    return csp.ThemeScripts.from_templates([REPO / "overrides", MATERIAL])


def page(*scripts: str, marker: bool = True) -> str:
    head = (csp.MARKER if marker else "") + '<meta charset="utf-8">'
    body = "".join(f"<script>{s}</script>" for s in scripts)
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_the_copied_scope_script_is_material_s_own() -> None:
    template = (MATERIAL / "partials" / "javascripts" / "base.html").read_text("utf-8")
    assert SCOPE.format('{{ config.extra.scope | d(base_url) }}') in template


@pytest.mark.parametrize("base", ["..", "../..", ".", "/", "/tradetalks/", "/another-name/",
                                  "https://owner.github.io/x/"])
def test_the_theme_s_scope_script_is_recognised_for_any_base_url(
        theme: csp.ThemeScripts, base: str) -> None:
    assert SCOPE.format(base) in theme
    assert TARGET in theme


@pytest.mark.parametrize("script", [
    SCOPE.format('javascript:alert(1)'),          # a scheme that runs code
    SCOPE.format('x",alert(1),"'),                # leaves the string
    SCOPE.format('x\\",alert(1)//'),              # escapes out of it
    SCOPE.format('</script><script>alert(1)'),    # ends the element
    SCOPE.format('a b'),                          # not one URL
    TARGET + ";alert(1)",                         # more than the template writes
    "alert(1)",
    "",
])
def test_anything_else_is_not_the_theme_s(theme: csp.ThemeScripts, script: str) -> None:
    assert script not in theme


def test_template_scripts_that_cannot_be_patterns_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<script>var x={{ value }};</script>'                       # a slot outside a string
        '<script>{% if x %}go(){% endif %}</script>'                # a statement inside
        '<script>var y="{{ value }}";</script>'                     # fine
        '<script src="{{ path }}"></script>'                        # a file: not inline
        '<script type="application/json">{{ config }}</script>',    # data: never run
        encoding="utf-8")
    theme = csp.ThemeScripts.from_templates([tmp_path])
    assert theme.refused == ("a.html", "a.html")
    assert 'var y="../data";' in theme
    assert "var x=1;" not in theme


def test_inline_scripts_are_the_ones_a_browser_runs() -> None:
    html = ('<script src="a.js"></script><script>one()</script>'
            '<script type="application/ld+json">{"a": 1}</script>'
            '<script id="__config" type="application/json">{}</script>'
            '<SCRIPT type="module">two()</SCRIPT ><script>\n</script>')
    assert csp.inline_scripts(html) == ["one()", "two()", "\n"]


def test_policy_text() -> None:
    assert csp.policy(["sha256-A=", "sha256-B=", "sha256-A="]) == (
        "default-src 'self'; script-src 'self' 'sha256-A=' 'sha256-B='; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'")
    assert "script-src 'self';" in csp.policy([])


def test_script_hash_is_the_browser_s() -> None:
    # The value Chromium reports for an empty inline script.
    assert csp.script_hash("") == "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="


def test_apply_puts_the_page_s_own_hashes_in_place_of_the_marker(
        theme: csp.ThemeScripts) -> None:
    scope = SCOPE.format("../..")
    applied = csp.apply(page(scope, TARGET, "alert(1)"), theme)
    assert applied is not None
    assert applied.hashes == (csp.script_hash(scope), csp.script_hash(TARGET))
    assert applied.foreign == ("alert(1)",)
    assert applied.html.startswith("<!doctype html><html><head>" + csp.meta_tag(applied.hashes)
                                   + '<meta charset="utf-8">')
    assert csp.MARKER not in applied.html


def test_apply_leaves_a_page_without_the_marker_alone(theme: csp.ThemeScripts) -> None:
    assert csp.apply(page(TARGET, marker=False), theme) is None
