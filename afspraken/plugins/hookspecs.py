"""Hook specifications: everything a plugin can add to afspraken.

The built-in rules and output formats use these same hooks. Each hook returns a
list (or mapping) so one plugin can add several things at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Union

import pluggy

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from pydantic import BaseModel

    from afspraken.reporting import OutputFormat
    from afspraken.rules import Rule

hookspec = pluggy.HookspecMarker("afspraken")


@hookspec
def register_rules() -> Sequence[Rule]:
    """Add rules.

    :return: the plugin's :class:`afspraken.Rule` objects, usually made with the
        :func:`afspraken.rules` decorator. A third-party rule id must be
        ``<plugin>/<rule>``, where ``<plugin>`` is the plugin's entry-point name.
    """


@hookspec
def register_rulesets() -> Sequence[Union[Path, Traversable]]:
    """Add rule sets.

    :return: paths to rule-set TOML files shipped with the plugin (for example
        ``importlib.resources.files(__package__) / "mijn-regelset.toml"``). The
        rule set's name is ``[regelset].naam``, or the file name without ``.toml``.
    """


@hookspec
def register_formats() -> Sequence[OutputFormat]:
    """Add output formats for ``afspraken check --format``.

    :return: :class:`afspraken.OutputFormat` objects, each with a unique ``name``.
    """


@hookspec
def register_extensions() -> Mapping[str, type[BaseModel]]:
    """Validate a plugin's own ``[extensies.<name>]`` section.

    :return: a mapping from section name to a pydantic model. The section of
        every agreement is validated with it, errors are reported with file, line
        and column like the core format's, and rules read the validated object
        with ``agreement.extensie(name)``.
    """
