"""Volumes from the Zaken API, against a local server: counts, paging, refusals, timeouts, bad answers."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from typer.testing import CliRunner

from digimandate.audit.specs import RuleSet
from digimandate.cli.app import app
from digimandate.importers import zaken
from tests.conftest import audited
from tests.importers.zaken_server import ROOT, TOKEN, Behaviour, serve

CATALOGUE = "http://catalogi.example.nl/catalogi/api/v1/zaaktypen"
PARKING = f"{CATALOGUE}/0b5a4cc4-7e76-4c0b-9c4a-0f4d1b2ad001"
WASTE = f"{CATALOGUE}/0b5a4cc4-7e76-4c0b-9c4a-0f4d1b2ad002"
MAIN = f"""schema_version: 1
include: [imported.yaml]
organisation: {{name: Gemeente Proef, type: gemeente, language: en, audit_date: 2026-11-01}}
departments:
  - {{id: publiekszaken, name: Publiekszaken, function: vakafdeling}}
processes:
  - id: afval
    name: Afvalcontainer aanvragen
    refs: ["zaaktype:{WASTE}"]
"""


def zaaktype(url: str, ident: str, name: str) -> dict[str, object]:
    """One zaaktype as the Catalogi API spells it."""
    return {"url": url, "identificatie": ident, "omschrijving": name, "indicatieInternOfExtern": "extern",
            "concept": False, "beginGeldigheid": "2020-01-01", "eindeGeldigheid": None, "productenOfDiensten": [],
            "verantwoordelijke": "", "doorlooptijd": "P8W", "servicenorm": None}


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("DIGIMANDATE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.setenv("ZAKEN_TOKEN", TOKEN)
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)  # the local server is reached directly
    monkeypatch.setattr(zaken, "BACKOFF", 0.01)
    return CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "organisation.yaml").write_text(MAIN, encoding="utf-8")
    page = {"count": 1, "next": None, "previous": None,
            "results": [zaaktype(PARKING, "ZT-PARK", "Parkeervergunning aanvragen")]}
    (tmp_path / "zaaktypen.json").write_text(json.dumps(page), encoding="utf-8")
    return tmp_path


def run(runner: CliRunner, folder: Path, base: str, *extra: str) -> tuple[int, str, str]:
    args = ["import", str(folder / "zaaktypen.json"), f"zaken:{base}{ROOT}", "--into", str(folder / "organisation.yaml"),
            "--period", "2025", "--token-env", "ZAKEN_TOKEN", "--report", str(folder / "report.md"), *extra]
    result = runner.invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


def query(base: str, zaaktype: str) -> str:
    return f"{base}{ROOT}/zaken?" + urlencode({"zaaktype": zaaktype, "startdatum__gte": "2025-01-01",
                                              "startdatum__lt": "2026-01-01"})


def nothing_written(folder: Path) -> bool:
    return sorted(p.name for p in folder.iterdir()) == ["organisation.yaml", "zaaktypen.json"]


def test_one_call_per_zaaktype_and_the_count_is_the_volume(runner: CliRunner, folder: Path) -> None:
    behaviour = Behaviour(counts={PARKING: 1234, WASTE: 87})
    with serve(behaviour) as base:
        code, _, err = run(runner, folder, base)
    assert code == 0, err
    # one request per zaaktype, the count of its first page: no paging through 1,234 zaken
    assert [path for path, _ in behaviour.requests] == [query(base, WASTE)[len(base):], query(base, PARKING)[len(base):]]
    headers = behaviour.requests[0][1]
    assert headers["Accept-Crs"] == "EPSG:4326"
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    written = yaml.safe_load((folder / "imported.yaml").read_text(encoding="utf-8"))
    [proc] = written["processes"]
    assert proc["name"] == "Parkeervergunning aanvragen"
    assert proc["volume"] == {"year": 2025, "total": 1234, "source": ["zaken-127-0-0-1-2025"]}
    assert proc["source"] == ["zgw-zaaktypen", "zaken-127-0-0-1-2025"]
    [register] = [s for s in written["sources"] if s["id"] == "zaken-127-0-0-1-2025"]
    assert register["type"] == "register" and register["title"] == f"Zaken API: {base}{ROOT}"
    assert register["reference"] == (f"GET {base}{ROOT}/zaken?zaaktype=<zaaktype>&startdatum__gte=2025-01-01"
                                     "&startdatum__lt=2026-01-01 (count)")
    # the hand-written process keeps its file; its volume is proposed in the report
    report = (folder / "report.md").read_text(encoding="utf-8")
    assert "  volume:\n    year: 2025\n    total: 87\n    source: [zaken-127-0-0-1-2025]\n" in report
    assert f"{base}{ROOT}" in report
    assert (folder / "organisation.yaml").read_text(encoding="utf-8") == MAIN


@pytest.mark.parametrize("given", [("--token-env", "ZAKEN_TOKEN"), ("--token", TOKEN)])
@pytest.mark.parametrize("status", [None, 401, 500])
def test_the_token_is_never_shown_or_written(runner: CliRunner, folder: Path, given: tuple[str, str],
                                             status: int | None) -> None:
    with serve(Behaviour(counts={PARKING: 3}, status=status)) as base:
        result = runner.invoke(app, ["import", str(folder / "zaaktypen.json"), f"zaken:{base}{ROOT}", "--into",
                                     str(folder / "organisation.yaml"), "--period", "2025", *given, "--format", "json",
                                     "--retries", "0"])
    assert result.exit_code == (0 if status is None else 2), result.output
    for text in (result.stdout, result.stderr, *(p.read_text(encoding="utf-8") for p in folder.iterdir())):
        assert TOKEN not in text


def test_without_count_the_pages_are_followed(runner: CliRunner, folder: Path) -> None:
    behaviour = Behaviour(counts={PARKING: 5, WASTE: 0}, page_size=2, with_count=False)
    with serve(behaviour) as base:
        code, _, err = run(runner, folder, base)
    assert code == 0, err
    assert len(behaviour.requests) == 1 + 3  # the waste zaaktype has one empty page; parking three pages
    written = yaml.safe_load((folder / "imported.yaml").read_text(encoding="utf-8"))
    assert written["processes"][0]["volume"]["total"] == 5
    report = (folder / "report.md").read_text(encoding="utf-8")
    assert "afval: no zaken started in 2025; no volume recorded" in report


def test_a_refused_token_writes_nothing(runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZAKEN_TOKEN", "wrong-token")
    behaviour = Behaviour(counts={PARKING: 3})
    with serve(behaviour) as base:
        code, out, err = run(runner, folder, base)
    assert code == 2
    assert err == (f"{query(base, WASTE)}: error: the Zaken API refuses the token (HTTP 401)\n"
                   "  hint: check the token and that it may read these zaaktypen (authorisations in the Autorisaties "
                   "API)\n")
    assert len(behaviour.requests) == 1  # a refusal is not retried
    assert out == "" and nothing_written(folder)


def test_a_server_slower_than_the_timeout_writes_nothing(runner: CliRunner, folder: Path) -> None:
    behaviour = Behaviour(counts={PARKING: 3}, sleep=1.0)
    with serve(behaviour) as base:
        code, _, err = run(runner, folder, base, "--timeout", "0.2", "--retries", "1")
    assert code == 2
    assert err == (f"{query(base, WASTE)}: error: no answer within 0.2 s (after 2 attempts)\n"
                   "  hint: give the API more time with --timeout, or try again later\n")
    assert nothing_written(folder)


@pytest.mark.parametrize("head", [False, True], ids=["body", "headers"])
def test_an_answer_dripping_beyond_the_timeout_writes_nothing(runner: CliRunner, folder: Path, head: bool) -> None:
    # each byte comes well within the timeout; the whole answer does not
    behaviour = Behaviour(body=b" " * 60 + b'{"count": 3}', drip=0.1, drip_head=head)
    with serve(behaviour) as base:
        code, _, err = run(runner, folder, base, "--timeout", "0.5", "--retries", "0")
    assert code == 2
    assert behaviour.dripped < 60  # the client hung up at the deadline, not once the answer was complete
    assert err == (f"{query(base, WASTE)}: error: no answer within 0.5 s (after 1 attempt)\n"
                   "  hint: give the API more time with --timeout, or try again later\n")
    assert nothing_written(folder)


@pytest.mark.parametrize(("body", "message"), [
    (b"<html>Bad gateway</html>", ":1:1: error: not valid JSON"),
    (b'{"count": "many", "results": []}', ": error: not an answer as the Zaken API gives it: count is not a number "
                                           "of zaken"),
    (b'{"detail": "ok"}', ": error: not an answer as the Zaken API gives it: neither count nor results"),
    (b"[1, 2]", ": error: not an answer as the Zaken API gives it: not a JSON object"),
])
def test_a_malformed_answer_writes_nothing(runner: CliRunner, folder: Path, body: bytes, message: str) -> None:
    with serve(Behaviour(body=body)) as base:
        code, _, err = run(runner, folder, base)
    assert code == 2
    assert err.startswith(query(base, WASTE) + message), err
    assert nothing_written(folder)


def test_a_server_error_is_retried_then_named(runner: CliRunner, folder: Path) -> None:
    behaviour = Behaviour(status=503, body=b"{}")
    with serve(behaviour) as base:
        code, _, err = run(runner, folder, base, "--retries", "2")
    assert code == 2
    assert err == (f"{query(base, WASTE)}: error: the Zaken API answers HTTP 503 (after 3 attempts)\n"
                   "  hint: try again later, or ask the API's administrator\n")
    assert len(behaviour.requests) == 3
    assert nothing_written(folder)


def test_a_wrong_root_is_not_found(runner: CliRunner, folder: Path) -> None:
    with serve(Behaviour()) as base:
        result = runner.invoke(app, ["import", str(folder / "zaaktypen.json"), f"zaken:{base}/api/v1",
                                     "--into", str(folder / "organisation.yaml"), "--period", "2025",
                                     "--token-env", "ZAKEN_TOKEN"])
    assert result.exit_code == 2
    assert result.stderr.endswith(": error: not found (HTTP 404)\n  hint: give the root of the Zaken API, which ends "
                                  "in /zaken/api/v1\n")


def test_a_redirect_to_another_host_is_refused(runner: CliRunner, folder: Path) -> None:
    behaviour = Behaviour(redirect="http://elsewhere.example.org/zaken/api/v1/zaken?x=1")
    with serve(behaviour) as base:
        code, _, err = run(runner, folder, base)
    assert code == 2
    assert err == (f"{query(base, WASTE)}: error: the Zaken API redirects to another server "
                   "(http://elsewhere.example.org/zaken/api/v1/zaken); the token does not go there\n"
                   "  hint: give the address of the server that answers itself\n")
    assert nothing_written(folder)


@pytest.mark.parametrize("where", ["redirect", "next"])
def test_a_token_the_server_reflects_is_not_shown(runner: CliRunner, folder: Path, where: str) -> None:
    elsewhere = f"http://evil.example/{TOKEN}/x"
    body = json.dumps({"next": f"{elsewhere}?a=1", "previous": None, "results": [{}]}).encode()
    behaviour = Behaviour(redirect=f"{elsewhere}?t={TOKEN}") if where == "redirect" else Behaviour(body=body)
    with serve(behaviour) as base:
        code, out, err = run(runner, folder, base)
    assert code == 2
    assert err == (f"{query(base, WASTE)}: error: the Zaken API redirects to another server "
                   "(http://evil.example/***/x); the token does not go there\n"
                   "  hint: give the address of the server that answers itself\n")
    assert TOKEN not in out and nothing_written(folder)


def test_hide_replaces_the_token_as_given_and_as_escaped_in_an_url() -> None:
    assert zaken.hide("https://x/a%2Fb%3D/c?t=a/b=&u=a/b%3D", "a/b=") == "https://x/***/c?t=***&u=***"


def test_an_answer_too_large_is_not_read(runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zaken, "MAX_BODY", 1000)
    with serve(Behaviour(body=b'{"count": 1, "results": [' + b'{"x": 1},' * 200 + b'{}]}')) as base:
        code, _, err = run(runner, folder, base)
    assert code == 2
    assert err == (f"{query(base, WASTE)}: error: the answer is larger than 1000 bytes\n"
                   "  hint: a count fits in one page with room to spare; is this address the Zaken API?\n")


def test_the_token_variable_must_be_set(runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZAKEN_TOKEN")
    with serve(Behaviour()) as base:
        code, _, err = run(runner, folder, base)
    assert code == 2
    assert err == ("error: the environment variable ZAKEN_TOKEN (of --token-env) is not set or empty\n"
                   "  hint: put the token in it, for example with export ZAKEN_TOKEN=... in the shell\n")


def test_a_period_is_needed(runner: CliRunner, folder: Path) -> None:
    result = runner.invoke(app, ["import", f"zaken:http://127.0.0.1:9{ROOT}", "--into", str(folder / "organisation.yaml"),
                                 "--token-env", "ZAKEN_TOKEN"])
    assert result.exit_code == 2
    assert result.stderr == ("error: the Zaken API counts zaken per year: which year?\n"
                             "  hint: give the year with --period, for example --period 2025\n")


@pytest.mark.parametrize(("url", "message"), [
    ("http://zaken.example.nl/zaken/api/v1", "the token would travel the network unencrypted (http)"),
    ("https://user:pw@zaken.example.nl/zaken/api/v1", "the address holds a user name or password"),
    ("ftp://zaken.example.nl/zaken/api/v1", "not the address of a Zaken API"),
    ("https://zaken.example.nl/zaken/api/v1?access_token=pw@", "not the address of a Zaken API"),
])
def test_an_unsafe_address_is_refused_before_any_request(runner: CliRunner, folder: Path, url: str,
                                                         message: str) -> None:
    result = runner.invoke(app, ["import", f"zaken:{url}", "--into", str(folder / "organisation.yaml"),
                                 "--period", "2025", "--token-env", "ZAKEN_TOKEN"])
    assert result.exit_code == 2
    assert f": error: {message}\n" in result.stderr
    assert "pw@" not in result.stderr


def test_a_url_without_a_kind_is_refused(runner: CliRunner, folder: Path) -> None:
    result = runner.invoke(app, ["import", "https://zaken.example.nl/zaken/api/v1", "--into",
                                 str(folder / "organisation.yaml")])
    assert result.exit_code == 2
    assert result.stderr == ("error: a URL without a kind: https://zaken.example.nl/zaken/api/v1\n"
                             "  hint: put the kind in front, one of: zaken: (for example zaken:https://.../zaken/api/v1)\n")


def test_no_known_zaaktype_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "organisation.yaml").write_text("schema_version: 1\norganisation: {name: X}\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "zaken:https://zaken.example.nl/zaken/api/v1", "--into",
                                 str(tmp_path / "organisation.yaml"), "--period", "2025", "--token-env", "ZAKEN_TOKEN"])
    assert result.exit_code == 2
    assert result.stderr.startswith("https://zaken.example.nl/zaken/api/v1: error: no process names the address of "
                                    "its zaaktype, so there is nothing to count\n")


def test_imported_volumes_weigh_the_ranked_actions(runner: CliRunner, folder: Path, ruleset: RuleSet) -> None:
    from digimandate.render.doc.actions import recommendations

    with serve(Behaviour(counts={PARKING: 25_000})) as base:
        code, _, err = run(runner, folder, base)
    assert code == 0, err
    actions = recommendations(audited(folder / "organisation.yaml", ruleset))
    mine = [r for r in actions if "processes/parkeervergunning-aanvragen" in r.entities and not r.digital]
    assert mine, [r.entities for r in actions]
    for rec in mine:  # the imported count is the product's weight; the hand-written process has none: unknown
        assert rec.volume == 25_000
        assert rec.known == 1 and rec.products == 1 + ("processes/afval" in rec.entities)
        assert rec.impact == "high" or rec.rule.severity in ("low", "info")


def test_a_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from digimandate.cli.importing import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress("en") as step:
        assert step is None
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress("en") as step:
        assert step is not None  # no step: an import of files shows no bar
    assert terminal.getvalue() == ""
    with progress("en") as step:
        assert step is not None
        step(1, 2, "parkeervergunning")
    assert "Counting zaken per zaaktype" in terminal.getvalue()


def test_a_token_that_cannot_be_a_header_is_refused_unseen(runner: CliRunner, folder: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZAKEN_TOKEN", "abc\r\nX-Evil: 1")
    with serve(Behaviour()) as base:
        code, _, err = run(runner, folder, base)
    assert code == 2
    assert err == ("error: the token holds a space, line break or other character that does not fit in an HTTP "
                   "header\n  hint: copy the token again, without quotes or the word \"Bearer\"\n")


def test_plain_http_to_this_machine_never_goes_through_a_proxy(runner: CliRunner, folder: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # a proxy would see the token: nothing listens here
    with serve(Behaviour(counts={PARKING: 2})) as base:
        code, _, err = run(runner, folder, base)
    assert code == 0, err


def test_a_next_page_on_another_server_is_not_followed(runner: CliRunner, folder: Path) -> None:
    body = b'{"next": "http://elsewhere.example.org/zaken/api/v1/zaken?page=2", "previous": null, "results": [{}]}'
    behaviour = Behaviour(body=body)
    with serve(behaviour) as base:
        code, _, err = run(runner, folder, base)
    assert code == 2
    assert err.startswith(f"{query(base, WASTE)}: error: the Zaken API redirects to another server "
                          "(http://elsewhere.example.org/zaken/api/v1/zaken); the token does not go there\n")
    assert len(behaviour.requests) == 1 and nothing_written(folder)


def test_attempts_are_counted_in_words() -> None:
    assert [zaken._attempts(n).text(lang) for n in (0, 1) for lang in ("nl", "en")] == [
        "1 poging", "1 attempt", "2 pogingen", "2 attempts"]
