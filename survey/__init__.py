"""Client-satisfaction surveys for public service desks."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from flask import Flask, g, render_template, request, session

from . import db, i18n, questionnaire, security, signatures, store
from .extensions import babel, csrf
from .vocabulary import COORDINATOR_LANGUAGES

__version__ = "0.1.0"

PACKAGE = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE.parent


def source_checkout() -> bool:
    """True when running from the project's source tree (an editable install), not a wheel."""
    return (PROJECT_ROOT / "pyproject.toml").exists()


def instance_path() -> str:
    """The instance folder: $SURVEY_INSTANCE_PATH; else instance/ in a source checkout; else
    <prefix>/var/survey-instance, as Flask does for installed packages (never site-packages).
    """
    chosen = os.environ.get("SURVEY_INSTANCE_PATH")
    if chosen:
        return os.path.abspath(chosen)
    if source_checkout():
        return str(PROJECT_ROOT / "instance")
    return os.path.join(sys.prefix, "var", "survey-instance")


def default_questions_file() -> str:
    """The project's questions.yaml in a source checkout, else the copy the wheel carries."""
    project = PROJECT_ROOT / "questions.yaml"
    return str(project if source_checkout() and project.exists() else PACKAGE / "questions.yaml")


def load_secret_key(folder: str) -> str:
    """Read the instance's secret key, creating it (mode 0600) on first start."""
    path = os.path.join(folder, "secret_key")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        with open(path, encoding="ascii") as existing:
            return existing.read().strip()
    key = os.urandom(32).hex()
    with os.fdopen(fd, "w", encoding="ascii") as new:
        new.write(key)
    return key


def select_locale() -> str:
    """Kiosk pages follow the client's choice; coordinator pages the session or browser."""
    if g.get("lang"):
        return g.lang
    chosen = session.get("ui_lang")
    if chosen in COORDINATOR_LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(COORDINATOR_LANGUAGES)) or "en"


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the app (the Flask application factory)."""
    folder = instance_path()
    app = Flask(__name__, instance_relative_config=True, instance_path=folder)
    app.config.from_mapping(
        DATABASE=os.path.join(folder, "survey.sqlite3"),
        QUESTIONS_FILE=default_questions_file(),
        WTF_CSRF_TIME_LIMIT=None,  # a tablet may sit idle for days; its token must not expire
        TIMEZONE="Europe/Amsterdam",
        IDLE_SECONDS=90,  # an unfinished survey is cleared after this long without a touch
        THANKS_SECONDS=8,  # the thank-you screen returns to the start after this long
        MIN_RESPONSES=10,  # below this, a cell shows "too few responses", not a mean
        BASE_URL=None,  # e.g. https://survey.example.nl, for the links the CLI prints
        TABLET_COOKIE_SECURE=False,  # True behind HTTPS; off so that plain localhost works
        SESSION_COOKIE_SECURE=False,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=8 * 3600,  # a coordinator's working day
        LOGIN_ATTEMPTS=5,  # failed logins in a row before each further try waits
        LOGIN_MAX_DELAY_SECONDS=60,  # that wait doubles per failure up to this; never a lockout
        MAX_CONTENT_LENGTH=16 * 1024 * 1024,
        SESSION_IDLE_MINUTES=30,  # a coordinator session ends after this long without a request
        API_MAX_BYTES=64 * 1024,  # a survey is a few KB of JSON; larger bodies get 413
        SUBMIT_MIN_INTERVAL=0,  # seconds between two submissions of one tablet; 0 = no limit
        ARMED_VISIT_MINUTES=30,  # an armed visit nobody starts lapses after this long
        TABLET_OFFLINE_SECONDS=120,  # no heartbeat for this long: the tablet shows as offline
        RETENTION_MONTHS=24,  # `survey purge` removes free text older than this by default
        ACCESSIBILITY_CONTACT=None,  # e.g. an e-mail address, shown on /accessibility
        FOUR_EYES=False,  # True: a selected quote is published only after a second approval
        PUBLIC_FRAME_ANCESTORS=[],  # origins that may frame /overview/SLUG (e.g. the city's site)
        XLSX_DOWNLOAD_MAX_ROWS=500_000,  # larger ones get advice (CSV, CLI); see docs/performance.md
        MAIL_SERVER=None,  # SMTP for alert e-mails (`survey alerts`): nothing is sent until
        MAIL_FROM=None,  # the server, the sender and the recipients are set
        ALERT_RECIPIENTS=None,  # a list or a comma-separated string
        MAIL_PORT=25,
        MAIL_USE_TLS=False,  # STARTTLS after connecting
        MAIL_USERNAME=None,  # log in only when set
        MAIL_PASSWORD=None,
        MAIL_TIMEOUT=10,  # seconds; a dead mail server must not hang cron
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("SURVEY")
    else:
        app.config.from_mapping(test_config)
    # Survey data, backups and exports are for the service's account alone: files this
    # process creates are 0600 and folders 0700 (SQLite gives -wal and -shm the database's mode).
    os.umask(0o077)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(app.instance_path)

    app.session_interface = signatures.SessionInterface()
    security.init_app(app)  # first: the body limit must be set before CSRF reads the form
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    i18n.init_app(app)
    app.teardown_appcontext(db.end_request)

    # Validate questions.yaml once; an invalid file stops the app here, loudly.
    loaded = questionnaire.load(app.config["QUESTIONS_FILE"])
    app.extensions["survey"] = loaded
    # A short-lived connection: nothing may be inherited by forked gunicorn workers.
    db.restrict_mode(app.config["DATABASE"])
    with db.connect(app.config["DATABASE"]) as setup:
        store.migrate(setup)
        store.sync_questionnaire(setup, loaded)
        # Questions removed from the yaml: fixed until the next start, like the questionnaire.
        app.extensions["survey_retired"] = store.retired_questions(setup)

    from . import api, coordinator, kiosk, public

    app.register_blueprint(kiosk.bp)
    app.register_blueprint(coordinator.bp, url_prefix="/coordinator")
    app.register_blueprint(api.bp, url_prefix="/api/v1")
    app.register_blueprint(public.bp, url_prefix="/overview")

    from .errors import register_error_handlers

    register_error_handlers(app)

    @app.context_processor
    def page_language():
        return {"page_lang": i18n.page_language()}

    @app.get("/healthz")
    def healthz():
        if store.is_usable(db.get_db()):
            return {"status": "ok"}
        return {"status": "database unavailable"}, 503

    @app.get("/accessibility")
    def accessibility():
        return render_template(
            "accessibility.html",
            tested=i18n.accessibility_tested(app.extensions["survey"]),
            contact=app.config["ACCESSIBILITY_CONTACT"],
        )

    return app
