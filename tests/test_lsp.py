"""`afspraken lsp`, driven as an editor drives it: pytest-lsp's client, and raw JSON-RPC over stdio."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from conftest import EXAMPLES  # noqa: E402

SERVER = [sys.executable, "-m", "afspraken", "lsp"]
UNEQUAL = (EXAMPLES / "ongelijke-stem.toml").read_text(encoding="utf-8")
GOOD = (EXAMPLES / "woensel-west.toml").read_text(encoding="utf-8")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


async def open_doc(client: LanguageClient, path: Path, text: str) -> list[types.Diagnostic]:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "toml", 1, text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


async def change(client: LanguageClient, path: Path, text: str, version: int) -> list[types.Diagnostic]:
    uri = path.as_uri()
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(version, uri), [types.TextDocumentContentChangeWholeDocument(text)])
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


def apply(text: str, edit: types.WorkspaceEdit, uri: str) -> str:
    lines = text.split("\n")
    for e in sorted(edit.changes[uri], key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = e.range.start, e.range.end
        before = "\n".join(lines[: start.line] + [lines[start.line][: start.character]]) if start.line < len(lines) else text
        after = "\n".join([lines[end.line][end.character :]] + lines[end.line + 1 :]) if end.line < len(lines) else ""
        text = before + e.new_text + after
        lines = text.split("\n")
    return text


@pytest.mark.asyncio
async def test_diagnostics_hover_code_action_and_change(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "ongelijk.toml"
    uri = path.as_uri()
    diagnostics = await open_doc(client, path, UNEQUAL)
    [gelijk] = [d for d in diagnostics if d.code == "gelijke-stem"]
    assert gelijk.severity == types.DiagnosticSeverity.Error and gelijk.source == "afspraken"
    assert gelijk.code_description.href.endswith("#gelijke-stem-gelijke-stem-in-het-orgaan-dat-besluit")
    line = UNEQUAL.splitlines()[gelijk.range.start.line]
    assert gelijk.range.end.line == gelijk.range.start.line and gelijk.range.end.character > gelijk.range.start.character
    assert gelijk.range.end.character <= len(line)
    assert gelijk.related_information  # "zie ook" places

    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), gelijk.range.start))
    assert "`gelijke-stem`: Gelijke stem in het orgaan dat besluit" in hover.contents.value
    assert "Waarom het ertoe doet" in hover.contents.value  # the text of `afspraken explain`

    stemmen = next(i for i, text in enumerate(UNEQUAL.splitlines()) if text.strip().startswith("stemmen ="))
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(stemmen, 3)))
    assert "**orgaan.lid.stemmen** (geheel getal)" in hover.contents.value and "Aantal stemmen van dit lid" in hover.contents.value

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), gelijk.range, types.CodeActionContext([gelijk]))
    )
    [waiver] = [a for a in actions if "gelijke-stem" in a.title]
    assert waiver.kind == types.CodeActionKind.QuickFix and list(waiver.diagnostics) == [gelijk]
    fixed = apply(UNEQUAL, waiver.edit, uri)
    assert fixed.startswith(UNEQUAL) and fixed.endswith('[[uitzondering]]\nregel = "gelijke-stem"\ntoelichting = "VUL IN: waarom deze regel hier niet wordt toegepast"\n')

    after = await change(client, path, fixed, 2)
    [explained] = [d for d in after if d.code == "gelijke-stem"]
    assert explained.severity == types.DiagnosticSeverity.Hint and explained.message.startswith("uitgelegd:")
    toelichting = len(fixed.splitlines()) - 1
    placeholder = [d for d in after if d.range.start.line == toelichting and d.severity == types.DiagnosticSeverity.Error]
    assert placeholder, "the placeholder toelichting must not pass silently"

    half = fixed + "\n[[partij]\nnaam = "
    broken = await change(client, path, half, 3)
    assert broken and all(d.code == "toml" for d in broken)
    assert broken[0].range.start.line >= len(fixed.splitlines())
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(stemmen, 3)))
    assert "orgaan.lid.stemmen" in hover.contents.value  # hover works on a half-typed file
    empty = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), broken[0].range, types.CodeActionContext(broken))
    )
    assert list(empty) == []


@pytest.mark.asyncio
async def test_the_nearest_config_of_the_folder_applies(client: LanguageClient, tmp_path: Path):
    (tmp_path / "strikt").mkdir()
    (tmp_path / "mild").mkdir()
    (tmp_path / "mild" / "afspraken.toml").write_text('[regels.gelijke-stem]\nernst = "advies"\n', encoding="utf-8")
    strict = await open_doc(client, tmp_path / "strikt" / "a.toml", UNEQUAL)
    mild = await open_doc(client, tmp_path / "mild" / "a.toml", UNEQUAL)
    assert {d.severity for d in strict if d.code == "gelijke-stem"} == {types.DiagnosticSeverity.Error}
    assert {d.severity for d in mild if d.code == "gelijke-stem"} == {types.DiagnosticSeverity.Information}


@pytest.mark.asyncio
async def test_a_missing_key_is_inserted_by_a_code_action(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "a.toml"
    text = GOOD.replace('gemeente = "Eindhoven"\n', "", 1)
    assert text != GOOD
    diagnostics = await open_doc(client, path, text)
    [missing] = [d for d in diagnostics if d.code == "ontbreekt"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(path.as_uri()), missing.range, types.CodeActionContext([missing]))
    )
    [add] = [a for a in actions if a.title == "Voeg 'gemeente' toe"]
    fixed = apply(text, add.edit, path.as_uri())
    assert 'gemeente = "VUL IN"' in fixed.split("[afspraak]", 1)[1].split("[", 1)[0]
    assert not [d for d in await change(client, path, fixed, 2) if d.code == "ontbreekt"]


@pytest.mark.asyncio
async def test_a_crashing_plugin_and_other_toml_still_get_answers(client: LanguageClient, tmp_path: Path):
    (tmp_path / "deler.py").write_text(textwrap.dedent('''
        from afspraken import hookimpl, rule, Text

        @rule(id="deler/regel", severity="fout", title=Text("t", "t"), summary=Text("s", "s"),
              rationale=Text("r", "r"), quote="q", fix=Text("f", "f"))
        def check(doc, params):
            return [1 / 0]

        @hookimpl
        def register_rules():
            return [check]
    '''), encoding="utf-8")
    (tmp_path / "afspraken.toml").write_text('plugins = ["deler.py"]\n[regels."deler/regel"]\nernst = "fout"\n', encoding="utf-8")
    path = tmp_path / "a.toml"
    diagnostics = await open_doc(client, path, UNEQUAL)
    crash = [d for d in diagnostics if d.code == "crash"]
    assert crash and "ZeroDivisionError" in crash[0].message and "deler" in crash[0].message
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(0, 0)))
    assert hover is None or hover.contents.value
    other = await open_doc(client, tmp_path / "ruff.toml", "line-length = 100\n[lint]\nselect = ['E']\n")
    assert list(other) == []


def test_the_command_names_the_extra_when_pygls_is_missing(cli, monkeypatch):
    import afspraken.lsp

    monkeypatch.setattr(afspraken.lsp, "missing", lambda: "pygls")
    result = cli("lsp")
    assert result.exit_code == 2 and "pip install 'afspraken[lsp]'" in result.stderr


# -- raw JSON-RPC over stdio, as a script of its own would do it ------------------------------------


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read(stream) -> dict:
    length = 0
    while True:
        line = stream.readline()
        assert line, "the server closed its output"
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(stream.read(length))


def test_raw_json_rpc_over_stdio(tmp_path: Path):
    proc = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)

    def send(message: dict) -> None:
        proc.stdin.write(_frame({"jsonrpc": "2.0", **message}))
        proc.stdin.flush()

    def until(test) -> dict:
        for _ in range(200):
            message = _read(proc.stdout)
            if test(message):
                return message
        raise AssertionError("no such message")

    def diagnostics_for(uri: str) -> list[dict]:
        return until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)["params"]["diagnostics"]

    try:
        send({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}})
        capabilities = until(lambda m: m.get("id") == 1)["result"]["capabilities"]
        assert capabilities["hoverProvider"] and capabilities["codeActionProvider"]
        send({"method": "initialized", "params": {}})

        broken_uri = (tmp_path / "kapot.toml").as_uri()
        send({"method": "textDocument/didOpen", "params": {"textDocument": {"uri": broken_uri, "languageId": "toml", "version": 1, "text": 'formaat = 1\n[afspraak]\ntitel = "x"\n[[partij]\n'}}})
        [toml_error] = diagnostics_for(broken_uri)
        assert toml_error["code"] == "toml" and toml_error["range"]["start"]["line"] == 3

        uri = (tmp_path / "ongelijk.toml").as_uri()
        send({"method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": UNEQUAL}}})
        [finding] = [d for d in diagnostics_for(uri) if d["code"] == "gelijke-stem"]
        assert finding["severity"] == 1 and finding["range"]["end"]["character"] > finding["range"]["start"]["character"]
        assert finding["codeDescription"]["href"]

        send({"id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": finding["range"]["start"]}})
        assert "gelijke-stem" in until(lambda m: m.get("id") == 2)["result"]["contents"]["value"]

        send({"id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": uri}, "range": finding["range"], "context": {"diagnostics": [finding]}}})
        actions = until(lambda m: m.get("id") == 3)["result"]
        [edit] = next(a for a in actions if "uitzondering" in a["title"])["edit"]["changes"][uri]
        assert edit["newText"].lstrip("\n").startswith('[[uitzondering]]\nregel = "gelijke-stem"\ntoelichting = ')

        send({"id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///nergens/niet-geopend.toml"}, "position": {"line": 0, "character": 0}}})
        assert "id" in until(lambda m: m.get("id") == 4)  # a request about an unknown document is still answered

        send({"id": 5, "method": "shutdown"})
        assert until(lambda m: m.get("id") == 5)["result"] is None
        send({"method": "exit"})
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def test_the_server_keeps_one_checker_until_the_settings_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Plugins are loaded once for every check; a saved config gives a new Checker that reads it."""
    import afspraken.checking.run as run
    from afspraken.lsp.documents import analyse
    from afspraken.lsp.server import AfsprakenServer

    built = []
    real = run.get_plugin_manager
    monkeypatch.setattr(run, "get_plugin_manager", lambda *a, **k: built.append(1) or real(*a, **k))
    ls = AfsprakenServer()
    path = str(tmp_path / "a.toml")
    first = analyse(path, UNEQUAL, "nl", ls.checker)
    again = analyse(path, UNEQUAL.replace("\n", "\n\n", 1), "nl", ls.checker)
    assert len(built) == 1
    severity = lambda a: {d.severity for d in a.diagnostics if d.code == "gelijke-stem"}  # noqa: E731
    assert severity(first) == severity(again) == {types.DiagnosticSeverity.Error}
    (tmp_path / "afspraken.toml").write_text('[regels.gelijke-stem]\nernst = "advies"\n', encoding="utf-8")
    assert severity(analyse(path, UNEQUAL, "nl", ls.checker)) == {types.DiagnosticSeverity.Error}  # not saved yet
    ls.forget_settings()
    assert severity(analyse(path, UNEQUAL, "nl", ls.checker)) == {types.DiagnosticSeverity.Information}
    assert len(built) == 2
