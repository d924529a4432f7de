"""Request body parsers: DRF's, with a bound on how deeply a JSON body may nest."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No endpoint takes more than two levels; anything far deeper is garbage or an attack on the
# decoder (Python's raises RecursionError past ~1,000 levels, which is no answer to a client).
MAX_JSON_DEPTH = 32


class JSONParser(parsers.JSONParser):
    """Malformed, deeply nested and over-nested JSON all answer code 10 (ParseError)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply") from None
        if _depth_exceeds(data, MAX_JSON_DEPTH):
            raise ParseError(f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels")
        return data


def _depth_exceeds(data, limit: int) -> bool:
    # Iterative: the check itself must not recurse on what it is checking.
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, depth + 1) for child in children)
    return False
