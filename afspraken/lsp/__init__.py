"""``afspraken lsp``: a language server for editors (pygls, over stdio).

Needs the extra ``afspraken[lsp]`` (pygls and lsprotocol); the command says so when they are
missing. See docs/editors.md for VS Code, Neovim and Helix.
"""

from __future__ import annotations

EXTRA = "afspraken[lsp]"


def missing() -> str:
    """The name of the missing package, or ``""`` when the server can run."""
    import importlib.util

    for module in ("pygls", "lsprotocol"):
        if importlib.util.find_spec(module) is None:
            return module
    return ""
