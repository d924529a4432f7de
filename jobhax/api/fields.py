"""Serializer fields shared by every app's input serializers."""

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A CharField that takes only strings: DRF's own turns 123 or true into text, and a client
    sending a number where text belongs has a bug worth reporting (code 10)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
