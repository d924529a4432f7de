"""Google and LinkedIn on loopback: Google's tokeninfo and userinfo; LinkedIn's userinfo, its
token introspection and the keys it signs OpenID Connect ID tokens with. A real HTTP server, so
the code under test talks to it through its real clients (requests for the userinfo,
tokeninfo and introspection calls, PyJWT's JWKS client, which uses urllib, for the keys); the
settings' provider URLs point here (users/tests/conftest.py).

A token is known only if a test registered it; any other gets the provider's own refusal.
"""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

GMAIL_SCOPE = "https://www.googleapis.com/auth/gmail.readonly"
GOOGLE_CLIENT_ID = "jobhax-google-client"
LINKEDIN_CLIENT_ID = "jobhax-linkedin-client"
LINKEDIN_CLIENT_SECRET = "jobhax-linkedin-client-secret"
LINKEDIN_ISSUER = "https://www.linkedin.com/oauth"
SIGNING_KEY_ID = "linkedin-key-1"


def new_rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeProviders:
    def __init__(self):
        self.signing_key = new_rsa_key()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.reset()

    # The server ----------------------------------------------------------------------------

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def reset(self):
        self.google_users: dict[str, dict] = {}
        self.google_tokens: dict[str, dict] = {}
        self.linkedin_users: dict[str, dict] = {}
        self.linkedin_tokens: dict[str, dict] = {}  # what introspection says, by access token
        # LinkedIn's published signing keys, by key id.
        self.jwks: dict = {SIGNING_KEY_ID: self.signing_key}
        self.answers: dict[str, tuple[int, str]] = {}  # path -> forced (status, body)
        self.delays: dict[str, float] = {}  # path -> seconds before answering
        self.calls: list[tuple[str, str]] = []

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def calls_to(self, path: str) -> list[tuple[str, str]]:
        return [call for call in self.calls if call[1] == path]

    def answer(self, path: str, status: int, body: str = "") -> None:
        """Every request to `path` gets this answer from now on (an outage, garbage...)."""
        self.answers[path] = (status, body)

    def delay(self, path: str, seconds: float) -> None:
        self.delays[path] = seconds

    # What tests register ---------------------------------------------------------------------

    def google_user(
        self, token, *, sub="g-1001", email="alice@gmail.com", verified=True, aud=GOOGLE_CLIENT_ID
    ):
        """A Google sign-in token: what userinfo and tokeninfo say about it."""
        self.google_users[token] = {
            "sub": sub,
            "email": email,
            "email_verified": verified,
            "given_name": "Alice",
            "family_name": "Google",
            "name": "Alice Google",
            "picture": "https://lh3.example/alice.png",
        }
        self.google_token(token, sub=sub, aud=aud, scope="openid email profile")

    def google_token(self, token, *, sub="g-1001", scope=GMAIL_SCOPE, aud=GOOGLE_CLIENT_ID):
        self.google_tokens[token] = {
            "sub": sub,
            "aud": aud,
            "azp": aud,
            "scope": scope,
            "expires_in": "3599",
            "email": "alice@gmail.com",
            "email_verified": "true",
        }

    def linkedin_user(
        self,
        access_token,
        *,
        sub="li-oidc-7",
        email="alice@example.com",
        verified=True,
        client_id=LINKEDIN_CLIENT_ID,
        status="active",
    ):
        """A LinkedIn sign-in access token: what userinfo and introspection say about it."""
        self.linkedin_users[access_token] = {
            "sub": sub,
            "email": email,
            "email_verified": verified,
            "given_name": "Alice",
            "family_name": "Oidc",
            "name": "Alice Oidc",
            "picture": "https://media.licdn.example/oidc.jpg",
        }
        self.linkedin_token(access_token, client_id=client_id, status=status)

    def linkedin_token(self, access_token, *, client_id=LINKEDIN_CLIENT_ID, status="active"):
        """Introspection's answer, shaped as LinkedIn documents it; `status` is "active",
        "expired" or "revoked"."""
        now = int(time.time())
        self.linkedin_tokens[access_token] = {
            "active": status == "active",
            "client_id": client_id,
            "authorized_at": now - 60,
            "created_at": now - 60,
            "status": status,
            "expires_at": now + (3600 if status == "active" else -60),
            "scope": "openid,profile,email",
            "auth_type": "3L",
        }

    def linkedin_id_token(
        self,
        *,
        sub="li-oidc-7",
        aud=LINKEDIN_CLIENT_ID,
        iss=LINKEDIN_ISSUER,
        lifetime=3600,
        key=None,
        kid=SIGNING_KEY_ID,
        **claims,
    ):
        """An ID token as LinkedIn issues it, signed with LinkedIn's key unless `key` says
        otherwise (a forger's)."""
        now = int(time.time())
        payload = {
            "iss": iss,
            "aud": aud,
            "sub": sub,
            "iat": now - 5,
            "exp": now + lifetime,
            "email": "alice@example.com",
            "email_verified": True,
            **claims,
        }
        return jwt.encode(payload, key or self.signing_key, algorithm="RS256", headers={"kid": kid})

    # Answers ---------------------------------------------------------------------------------

    def respond(self, method: str, path: str, headers, body: bytes) -> tuple[int, dict | str]:
        self.calls.append((method, path))
        time.sleep(self.delays.get(path, 0))
        if path in self.answers:
            return self.answers[path]
        bearer = headers.get("Authorization", "").removeprefix("Bearer ")
        if (method, path) == ("POST", "/google/tokeninfo"):
            token = parse_qs(body.decode()).get("access_token", [""])[0]
            info = self.google_tokens.get(token)
            return (200, info) if info else (400, {"error": "invalid_token"})
        if (method, path) == ("GET", "/google/userinfo"):
            return _userinfo(self.google_users.get(bearer))
        if (method, path) == ("GET", "/linkedin/userinfo"):
            return _userinfo(self.linkedin_users.get(bearer))
        if (method, path) == ("POST", "/linkedin/introspect"):
            return self._introspect(
                {key: values[0] for key, values in parse_qs(body.decode()).items()}
            )
        if (method, path) == ("GET", "/linkedin/jwks"):
            return 200, {"keys": [_public_jwk(key, kid) for kid, key in self.jwks.items()]}
        return 404, {"error": "not_found"}

    def _introspect(self, form: dict) -> tuple[int, dict]:
        # LinkedIn answers only its client's own credentials: 400 for an unknown client id or
        # token, 401 for a wrong secret.
        if form.get("client_id") != LINKEDIN_CLIENT_ID:
            return 400, {"error": "invalid_request", "error_description": "invalid client id"}
        if form.get("client_secret") != LINKEDIN_CLIENT_SECRET:
            return 401, {"error": "invalid_client"}
        info = self.linkedin_tokens.get(form.get("token", ""))
        if info is None:
            return 400, {"error": "invalid_request", "error_description": "invalid token"}
        return 200, info


def _userinfo(payload):
    return (200, payload) if payload else (401, {"error": "invalid_token"})


def _public_jwk(key, kid: str) -> dict:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**jwk, "kid": kid, "use": "sig", "alg": "RS256"}


def _handler_for(fake: FakeProviders):
    class Handler(BaseHTTPRequestHandler):
        def _serve(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            status, payload = fake.respond(
                self.command, self.path.split("?")[0], self.headers, body
            )
            data = payload if isinstance(payload, str) else json.dumps(payload)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data.encode())))
            self.end_headers()
            # The client may have given up waiting (a timeout test).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data.encode())

        do_GET = do_POST = _serve

        def log_message(self, *args):
            pass

    return Handler
