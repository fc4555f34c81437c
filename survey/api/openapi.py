"""The OpenAPI 3.1 document for /api/v1 (its schemas are plain JSON Schema 2020-12)."""

from __future__ import annotations

from importlib.metadata import version

from .. import store
from ..submission import MAX_TEXT

DAY = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
NULLABLE_NUMBER = {"type": ["number", "null"]}


def _json(schema_name: str, description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}
        },
    }


FILTERS = [
    {
        "name": "desk",
        "in": "query",
        "description": "A desk id; repeat for several; omit for every desk.",
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
    },
    {
        "name": "from",
        "in": "query",
        "description": "First day (inclusive), a calendar day in the instance's time zone.",
        "schema": DAY,
    },
    {
        "name": "to",
        "in": "query",
        "description": "Last day (inclusive), a calendar day in the instance's time zone.",
        "schema": DAY,
    },
    {
        "name": "question",
        "in": "query",
        "description": "A rating question id; repeat for several; omit for every question.",
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
    },
]
READ_ERRORS = {
    "401": _json("Error", "No token, or an unknown or revoked one."),
    "422": _json("Errors", "A bad parameter (a date that is not YYYY-MM-DD, an unknown desk)."),
}
TABLET_ERRORS = {
    "401": _json("Error", "Not a paired tablet."),
    "403": _json("Error", "A revoked tablet (or, for a POST, no CSRF token)."),
}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error", "message"],
        "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
    },
    "Errors": {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["field", "message"],
                    "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                },
            }
        },
    },
    "QuestionSummary": {
        "type": "object",
        "required": ["question", "mean", "n", "csat", "ci"],
        "additionalProperties": False,
        "properties": {
            "question": {"type": "string"},
            "mean": {**NULLABLE_NUMBER, "minimum": 1, "maximum": 5},
            "n": {"type": "integer", "minimum": 0},
            "csat": {
                **NULLABLE_NUMBER,
                "minimum": 0,
                "maximum": 1,
                "description": "Share of ratings 4 and 5.",
            },
            "ci": {
                "description": "95% interval of the mean (null below two ratings).",
                "oneOf": [
                    {
                        "type": "array",
                        "minItems": 2,
                        "maxItems": 2,
                        "items": {"type": "number", "minimum": 1, "maximum": 5},
                    },
                    {"type": "null"},
                ],
            },
        },
    },
    "Summary": {
        "type": "object",
        "required": ["from", "to", "desks"],
        "additionalProperties": False,
        "properties": {
            "from": {"oneOf": [DAY, {"type": "null"}]},
            "to": {"oneOf": [DAY, {"type": "null"}]},
            "desks": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["desk", "questions"],
                    "additionalProperties": False,
                    "properties": {
                        "desk": {"type": "string"},
                        "questions": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/QuestionSummary"},
                        },
                    },
                },
            },
        },
    },
    "Rating": {
        "type": "object",
        "required": list(store.RATING_COLUMNS),
        "additionalProperties": False,
        "properties": {
            "response_id": {"type": "string", "format": "uuid"},
            "submitted_at": {"type": "string", "format": "date-time"},
            "desk": {"type": "string"},
            "question": {"type": "string"},
            "value": {"type": "integer", "minimum": 1, "maximum": 5},
            "language": {"type": "string"},
            "tablet": {"type": ["string", "null"]},
        },
    },
    "RatingsPage": {
        "type": "object",
        "required": ["ratings", "next"],
        "additionalProperties": False,
        "properties": {
            "ratings": {"type": "array", "items": {"$ref": "#/components/schemas/Rating"}},
            "next": {
                "type": ["string", "null"],
                "description": "Pass as `cursor` for the next page; null on the last page.",
            },
        },
    },
    "Submission": {
        "type": "object",
        "required": ["id", "language", "desks"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "language": {"type": "string"},
            "desks": {"type": "array", "minItems": 1, "items": {"type": "string"}},
            "ratings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["desk", "question", "value"],
                    "properties": {
                        "desk": {"type": "string"},
                        "question": {"type": "string"},
                        "value": {"type": "integer", "minimum": 1, "maximum": 5},
                    },
                },
            },
            "choices": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["question", "value"],
                    "properties": {
                        "desk": {"type": ["string", "null"]},
                        "question": {"type": "string"},
                        "value": {"type": "string"},
                    },
                },
            },
            "answers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["question", "text"],
                    "properties": {
                        "desk": {"type": ["string", "null"]},
                        "question": {"type": "string"},
                        "text": {"type": "string", "maxLength": MAX_TEXT},
                    },
                },
            },
            "started_at": {"type": "string", "format": "date-time"},
            "submitted_at": {"type": "string", "format": "date-time"},
            "visit_id": {"type": ["integer", "null"]},
        },
    },
    "Heartbeat": {
        "type": "object",
        "required": ["queued"],
        "properties": {"queued": {"type": "integer", "minimum": 0}},
    },
    "HeartbeatAnswer": {
        "type": "object",
        "required": ["status", "mode"],
        "properties": {"status": {"const": "ok"}, "mode": {"enum": ["open", "armed"]}},
    },
    "Armed": {
        "type": "object",
        "required": ["mode", "armed"],
        "properties": {"mode": {"enum": ["open", "armed"]}, "armed": {"type": "boolean"}},
    },
    "Stored": {
        "type": "object",
        "required": ["id", "status"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "status": {"enum": ["created", "replay"]},
        },
    },
}


def document() -> dict:
    """The OpenAPI document, built fresh (it is small) so it always matches the code."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "survey",
            "version": version("survey"),  # the installed distribution's, read from its metadata
            "description": "Kiosk submissions (paired tablets) and the read API (bearer tokens"
            " from `survey token add`). Dates are calendar days in the instance's time zone;"
            " times are UTC.",
        },
        "servers": [{"url": "/api/v1"}],
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "tablet": {"type": "apiKey", "in": "cookie", "name": "survey_tablet"},
            },
        },
        "paths": {
            "/summary": {
                "get": {
                    "operationId": "summary",
                    "summary": "Mean, n, CSAT share and 95% interval per desk and rating question",
                    "security": [{"bearer": []}],
                    "parameters": FILTERS,
                    "responses": {"200": _json("Summary", "Unrounded figures."), **READ_ERRORS},
                }
            },
            "/ratings": {
                "get": {
                    "operationId": "ratings",
                    "summary": "Every rating in the long export shape, a page at a time",
                    "security": [{"bearer": []}],
                    "parameters": [
                        *FILTERS,
                        {
                            "name": "cursor",
                            "in": "query",
                            "description": "The `next` of the previous page.",
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "description": "Ratings per page.",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": 10000,
                                "default": 1000,
                            },
                        },
                    ],
                    "responses": {"200": _json("RatingsPage", "One page."), **READ_ERRORS},
                }
            },
            "/responses": {
                "post": {
                    "operationId": "submitResponse",
                    "summary": "Store a completed survey from a paired tablet",
                    "security": [{"tablet": []}],
                    "parameters": [
                        {
                            "name": "X-CSRFToken",
                            "in": "header",
                            "required": True,
                            "description": 'From the kiosk page\'s <meta name="csrf-token">.',
                            "schema": {"type": "string"},
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Submission"}
                            }
                        },
                    },
                    "responses": {
                        "201": _json("Stored", "Stored."),
                        "200": _json("Stored", "An identical replay; nothing more stored."),
                        "401": _json("Error", "Not a paired tablet."),
                        "403": _json("Error", "A revoked tablet, or no CSRF token."),
                        "409": _json("Error", "Another response with this id is stored."),
                        "422": _json("Errors", "Invalid; nothing stored."),
                    },
                }
            },
            "/tablet/heartbeat": {
                "post": {
                    "operationId": "tabletHeartbeat",
                    "summary": "A paired tablet reports in with the length of its offline queue",
                    "security": [{"tablet": []}],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Heartbeat"}
                            }
                        },
                    },
                    "responses": {
                        "200": _json("HeartbeatAnswer", "Noted."),
                        **TABLET_ERRORS,
                        "422": _json("Errors", "Invalid body."),
                    },
                }
            },
            "/tablet/armed": {
                "get": {
                    "operationId": "tabletArmed",
                    "summary": "Whether the tablet may start a survey now (armed mode)",
                    "security": [{"tablet": []}],
                    "responses": {"200": _json("Armed", "The tablet's state."), **TABLET_ERRORS},
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
    }
