"""One exception hierarchy for xjgraph; the CLI maps each class to an exit code.

>>> err = SourceError("data/sources/people.toml", "stalin", "born", "an EDTF date such as 1878-12-18", "got 'x'")
>>> str(err)
"data/sources/people.toml: record 'stalin': field 'born': expected an EDTF date such as 1878-12-18; got 'x'"
>>> err.exit_code
3
"""

from __future__ import annotations


class XjgraphError(Exception):
    """Base class of every error xjgraph reports to a user."""

    exit_code = 1


class UsageError(XjgraphError):
    """Arguments that do not go together, such as an option a format cannot honour."""

    exit_code = 2


class SourceError(XjgraphError):
    """A curated source file is malformed or breaks a rule; names file, record and field."""

    exit_code = 3

    def __init__(self, path: str, record: str | None, field: str | None, expected: str, got: str = ""):
        self.path, self.record, self.field, self.expected, self.got = path, record, field, expected, got
        parts = [str(path)]
        if record is not None:
            parts.append(f"record {record!r}")
        if field is not None:
            parts.append(f"field {field!r}")
        message = ": ".join(parts) + f": expected {expected}"
        if got:
            message += f"; {got}"
        super().__init__(message)

    def __reduce__(self):  # so that worker processes can send errors back (exceptions pickle their args)
        return (SourceError, (self.path, self.record, self.field, self.expected, self.got))


class SourceErrors(SourceError):
    """Several source errors found in one pass; the message lists each on its own line."""

    def __init__(self, errors: list[SourceError]):
        self.errors = errors
        first = errors[0]
        super().__init__(first.path, first.record, first.field, first.expected, first.got)
        self.args = ("\n".join(str(e) for e in errors),)

    def __str__(self) -> str:
        return self.args[0]

    def __reduce__(self):
        return (SourceErrors, (self.errors,))


class ShapeError(XjgraphError):
    """The generated graph does not conform to ontology/shapes.ttl; ``violations`` lists each result
    (focus node, path, constraint component, message, value) as data."""

    exit_code = 4
    violations: list = []


class QueryError(XjgraphError):
    """A saved query is unknown, malformed, or was given a bad parameter."""

    exit_code = 5


class DumpError(QueryError):
    """The Turtle dump a command reads is missing or does not parse; names the file and the line."""


class EndpointError(XjgraphError):
    """A SPARQL endpoint could not be reached, failed, or timed out."""

    exit_code = 6


class OutputError(XjgraphError):
    """An output could not be written."""

    exit_code = 7
