"""Security glue for every response: headers, the API's body limit, the coordinator idle timeout.

Kept out of create_app so the rules sit in one readable place. Nothing here stores an IP address.
"""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

from flask import abort, current_app, redirect, request, session, url_for

from . import clock

# No inline script or style anywhere: the kiosk's JSON data rides in
# <script type="application/json">, which the browser never executes.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def init_app(app) -> None:
    """Register the request hooks on `app`; a malformed PUBLIC_FRAME_ANCESTORS stops it here."""
    app.config["PUBLIC_FRAME_ANCESTORS"] = frame_ancestors(app.config["PUBLIC_FRAME_ANCESTORS"])
    app.before_request(limit_api_body)
    app.before_request(expire_idle_session)
    app.after_request(add_headers)


# Pages and files that hold survey data or account details: never kept by a browser or proxy.
PRIVATE_PREFIXES = ("/coordinator", "/api/v1/summary", "/api/v1/ratings")
HSTS = "max-age=31536000"


def add_headers(response):
    """The security headers, on every response (pages, JSON, static files, errors)."""
    headers = response.headers
    # One pass over what the view set (a framed page sets its own policy): a setdefault per
    # header scans the list each time, a measurable share of a kiosk submission.
    present = {name.lower() for name, _ in headers.items()}
    headers.extend(
        [(name, value) for name, value in HEADERS.items() if name.lower() not in present]
    )
    if request.path.startswith(PRIVATE_PREFIXES):
        headers["Cache-Control"] = "no-store"
    config = current_app.config
    if config["SESSION_COOKIE_SECURE"] or config["TABLET_COOKIE_SECURE"]:
        # The cookies are HTTPS-only, so the site is served over HTTPS: browsers should insist.
        headers.setdefault("Strict-Transport-Security", HSTS)
    if headers["Content-Security-Policy"] != CONTENT_SECURITY_POLICY:
        # A page that may be framed (allow_framing): its frame-ancestors say by whom, and
        # X-Frame-Options knows no list of origins.
        del response.headers["X-Frame-Options"]
    return response


ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")


def frame_ancestors(setting) -> list[str]:
    """PUBLIC_FRAME_ANCESTORS (a list, or origins split by spaces or commas) as a list of
    origins; ValueError naming the first entry that is not scheme://host[:port]."""
    origins = re.split(r"[\s,]+", setting) if isinstance(setting, str) else list(setting or [])
    origins = [origin.strip().rstrip("/") for origin in origins if origin.strip()]
    for origin in origins:
        if not ORIGIN.fullmatch(origin):
            raise ValueError(
                f"PUBLIC_FRAME_ANCESTORS: '{origin}' is not an origin like https://www.example.nl"
            )
    return origins


def allow_framing(response, origins: list[str]) -> None:
    """Let pages on `origins`, and only those, frame this response (none: nobody may)."""
    if origins:
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
            "frame-ancestors 'none'", "frame-ancestors " + " ".join(origins)
        )


def limit_api_body() -> None:
    """API bodies are small JSON: refuse anything over API_MAX_BYTES with a 413 before reading."""
    if not request.path.startswith("/api/"):
        return
    limit = current_app.config["API_MAX_BYTES"]
    if request.content_length is not None and request.content_length > limit:
        abort(413, too_large(limit))
    # A chunked body (no Content-Length) is cut off one byte past the limit while it is read;
    # api.body.read_json_body then sees the extra byte and answers 413.
    request.max_content_length = limit + 1


def too_large(limit: int) -> str:
    """The 413 message."""
    return f"the request body is larger than {limit} bytes"


def expire_idle_session() -> None:
    """End a coordinator session after SESSION_IDLE_MINUTES without a request."""
    if "sid" not in session:
        return
    minutes = current_app.config["SESSION_IDLE_MINUTES"]
    now = clock.now()
    seen = session.get("seen_at")
    if minutes and seen:
        try:
            idle = now - clock.parse_timestamp(seen)
        except ValueError:
            idle = timedelta(days=365)
        if idle > timedelta(minutes=minutes):
            session.clear()
            return
    # Refresh the stamp once a minute, not on every request: each change re-sends the cookie.
    if not seen or seen[:16] != clock.stamp(now)[:16]:
        session["seen_at"] = clock.stamp(now)


def safe_target(target: object) -> str | None:
    """`target` when it is a path on this site, else None (the one check for every `next`).

    Browsers drop tabs and newlines from a URL and read a backslash as a slash, so
    "/\t/evil.example" or "/\\evil.example" would leave the site: any such character refuses it.
    """
    if not isinstance(target, str) or not target.startswith("/") or len(target) > 2000:
        return None
    if any(char < " " or char in "\\\x7f" for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return None
    return target


def redirect_back(target: object, endpoint: str):
    """Redirect to `target` if it is safe, else to `endpoint`."""
    return redirect(safe_target(target) or url_for(endpoint))


def base_url() -> str:
    """Where links to this server start (pairing, set-password): BASE_URL when set, else the
    address this request reached the server by (the admin reads the link there)."""
    return current_app.config.get("BASE_URL") or request.host_url
