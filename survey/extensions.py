"""The Flask extensions every blueprint shares; create_app initialises them.

Blueprints import these from here, never from the package root (which imports the blueprints).
"""

from flask_babel import Babel

from .signatures import RememberingCSRFProtect

csrf = RememberingCSRFProtect()
babel = Babel()
