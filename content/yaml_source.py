"""Read YAML and remember the line of every value, so problems can point at the right place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Location = tuple[str | int, ...]


@dataclass
class SourceFile:
    """A parsed YAML file: its data, and the line (1-based) of each value by its path."""

    path: Path
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Location) -> int:
        """The line of the value at ``location``, or of its nearest parent that has one."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:end]))
            if line is not None:
                return line
        return 1


class YamlProblem(ValueError):
    """The file is not valid YAML, or repeats a key; ``line`` says where."""

    def __init__(self, line: int, message: str) -> None:
        """A problem at ``line`` (1-based)."""
        super().__init__(message)
        self.line = line
        self.message = message


def read_yaml(path: Path) -> SourceFile:
    """Parse ``path`` safely (no Python tags) and record where each value stands.

    Raises:
        YamlProblem: for a syntax error, a repeated key or text that is not UTF-8.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise YamlProblem(1, f"the file is not UTF-8 text ({error.reason})") from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        source = SourceFile(path, None)
        if node is not None:
            _record(node, (), source.lines)
            source.data = loader.construct_document(node)
        return source
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise YamlProblem(line, f"not valid YAML: {what}") from None
    except yaml.YAMLError as error:  # e.g. a control character the reader refuses
        raise YamlProblem(getattr(error, "line", 0) + 1, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()


def _record(node: yaml.Node, location: Location, lines: dict[Location, int]) -> None:
    lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise YamlProblem(
                    key_node.start_mark.line + 1,
                    f"the key '{key}' appears twice (first on line {seen[key]})",
                )
            seen[key] = key_node.start_mark.line + 1
            _record(value_node, (*location, key), lines)
            lines[(*location, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*location, index), lines)
