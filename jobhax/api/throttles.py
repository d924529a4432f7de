"""Per-user limits for endpoints that cost much (settings.REST_FRAMEWORK's default throttle)."""

from rest_framework.throttling import ScopedRateThrottle


class EndpointRateThrottle(ScopedRateThrottle):
    """Throttles an endpoint per user (per address when anonymous) when DEFAULT_THROTTLE_RATES
    has a rate under its URL name, e.g. "import_jobapps_csv": limiting an endpoint is a line of
    settings, not a change to its view. Endpoints without a rate are not counted at all."""

    def allow_request(self, request, view):
        match = getattr(request, "resolver_match", None)
        self.scope = match.url_name if match is not None else None
        if self.scope not in self.THROTTLE_RATES:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        # ScopedRateThrottle's own allow_request reads the scope from the view; skip to the
        # counting it inherits from SimpleRateThrottle.
        return super(ScopedRateThrottle, self).allow_request(request, view)
