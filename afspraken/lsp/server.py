"""The language server: pygls over stdio.

Every document is checked on open, change and save, with the nearest config of its
folder. Any failure becomes a diagnostic or an empty answer: an editor never waits for
a reply that does not come.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Optional

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from afspraken import __version__
from afspraken.checking import config as configuration
from afspraken.lsp.documents import Analysis, analyse, code_actions, contains
from afspraken.lsp.keys import describe, key_at

if TYPE_CHECKING:
    from afspraken.checking.run import Checker

log = logging.getLogger(__name__)


class AfsprakenServer(LanguageServer):
    def __init__(self, lang: str = "nl") -> None:
        super().__init__("afspraken", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.lang = lang
        self.analyses: dict[str, Analysis] = {}
        self._schemas: dict[str, dict[str, Any]] = {}
        self._checker: Optional[Checker] = None

    @property
    def checker(self) -> Checker:
        """One for every check: the plugins are loaded once, each folder's settings read once."""
        if self._checker is None:
            from afspraken.checking.run import Checker

            self._checker = Checker()
        return self._checker

    def forget_settings(self) -> None:
        """A config file was saved: find and read the configs afresh, in a new Checker."""
        configuration.forget()
        self._checker = None

    def schema(self) -> dict[str, Any]:
        if self.lang not in self._schemas:
            from afspraken.schema import json_schema

            self._schemas[self.lang] = json_schema(self.lang)
        return self._schemas[self.lang]

    def check(self, uri: str) -> None:
        try:
            document = self.workspace.get_text_document(uri)
            path = to_fs_path(uri) or uri
            analysis = analyse(path, document.source, self.lang, self.checker)
            self.analyses[uri] = analysis
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=analysis.diagnostics, version=document.version))
        except Exception:  # noqa: BLE001 - the next change checks again
            log.exception("check of %s failed", uri)


server = AfsprakenServer()


def _is_settings(uri: str) -> bool:
    name = uri.rsplit("/", 1)[-1]
    return name in configuration.NAMES


@server.feature(types.INITIALIZE)
def initialize(ls: AfsprakenServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and options.get("lang") in ("nl", "en"):
        ls.lang = options["lang"]


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: AfsprakenServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.check(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: AfsprakenServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.check(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: AfsprakenServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if _is_settings(uri):  # new settings: check every open agreement again
        ls.forget_settings()
        for other in list(ls.analyses):
            ls.check(other)
    ls.check(uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: AfsprakenServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.analyses.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: AfsprakenServer, params: types.HoverParams) -> Optional[types.Hover]:
    try:
        return _hover(ls, params)
    except Exception:  # noqa: BLE001 - no hover rather than no answer
        log.exception("hover failed")
        return None


def _hover(ls: AfsprakenServer, params: types.HoverParams) -> Optional[types.Hover]:
    from afspraken.reporting.explaining import explain_rule

    uri, pos = params.text_document.uri, params.position
    analysis = ls.analyses.get(uri)
    text = analysis.text if analysis else ls.workspace.get_text_document(uri).source
    parts: list[str] = []
    if analysis is not None:
        for rule_id in dict.fromkeys(f.rule for r, f in analysis.findings if contains(r, pos)):
            rule = analysis.rules.get(rule_id)
            if rule is not None:
                parts.append(explain_rule(rule, ls.lang, markdown=True, level=3))
    path = key_at(text, pos.line)
    if path:
        described = describe(ls.schema(), path, ls.lang)
        if described:
            parts.append(described)
    if not parts:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(parts)))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: AfsprakenServer, params: types.CodeActionParams) -> Optional[list[types.CodeAction]]:
    try:
        analysis = ls.analyses.get(params.text_document.uri)
        if analysis is None:
            return []
        return code_actions(params.text_document.uri, analysis, params.range, ls.schema(), ls.lang)
    except Exception:  # noqa: BLE001 - no actions rather than no answer
        log.exception("code action failed")
        return []


def serve(lang: str = "nl") -> None:
    server.lang = lang
    server.start_io()
