"""The Flask extensions every blueprint shares; create_app initialises them.

Blueprints import these from here, never from the package root (which imports the blueprints).
"""

from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
babel = Babel()
