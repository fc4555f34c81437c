"""Coordinator forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from .. import clock
from ..text import clean
from ..vocabulary import MAX_FIGURE_VALUE

# Comment labels as the pages name them (the quotes filter, the dashboard's sentiment table).
LABEL_TEXT = {"positive": _l("positive"), "neutral": _l("neutral"), "negative": _l("negative")}


class CleanForm(FlaskForm):
    """A coordinator form whose every field passes through text.clean (WTForms' Meta.bind_field)."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = [clean, *unbound_field.kwargs.get("filters", [])]
            return unbound_field.bind(form=form, filters=filters, **options)


def plausible_day(form, field):
    """A day inside the one plausibility window (clock.EARLIEST_DAY..LATEST_DAY)."""
    if field.data is not None:
        try:
            clock.plausible_day(field.data)
        except ValueError:
            raise ValidationError(
                _l(
                    "Pick a day between %(first)s and %(last)s.",
                    first=clock.EARLIEST_DAY.isoformat(),
                    last=clock.LATEST_DAY.isoformat(),
                )
            ) from None


class LoginForm(CleanForm):
    username = StringField(_l("User name"), validators=[DataRequired(), Length(max=100)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


# --- dashboard alerts, figures and notes ---------------------------------------------------------

METRICS = {
    "clients": _l("Clients at the desk"),
    "documents_issued": _l("Residence documents issued"),
    "oss_appointments": _l("One Stop Shop appointments"),
    "oss_non_eu": _l("One Stop Shop appointments: non-EU"),
    "service_biometrics": _l("Service: biometrics"),
    "service_residence_permit": _l("Service: residence permit"),
    "service_return_visa": _l("Service: return visa"),
}


class AlertRuleForm(CleanForm):
    desk = SelectField(_l("Desk"), choices=[], validate_choice=True)
    percent = IntegerField(
        _l("Share of 1-2 ratings above (%)"), validators=[InputRequired(), NumberRange(0, 99)]
    )
    days = IntegerField(
        _l("Over the last (days)"), validators=[InputRequired(), NumberRange(1, 366)]
    )
    min_n = IntegerField(
        _l("With at least (ratings)"), validators=[InputRequired(), NumberRange(1, 100000)]
    )


class FigureForm(CleanForm):
    desk = SelectField(_l("Desk"), choices=[])
    metric = SelectField(
        _l("Figure"), choices=[SelectChoice(key, label) for key, label in METRICS.items()]
    )
    first = DateField(_l("First day"), validators=[InputRequired(), plausible_day])
    last = DateField(_l("Last day"), validators=[InputRequired(), plausible_day])
    value = IntegerField(
        _l("Value"), validators=[InputRequired(), NumberRange(0, MAX_FIGURE_VALUE)]
    )

    def validate_last(self, field):
        if self.first.data and field.data and field.data < self.first.data:
            raise ValidationError(_l("The last day lies before the first day."))


class NoteForm(CleanForm):
    starts_on = DateField(_l("From"), validators=[InputRequired(), plausible_day])
    ends_on = DateField(_l("To"), validators=[InputRequired(), plausible_day])
    desk = SelectField(_l("Desk"), choices=[])
    text = TextAreaField(_l("Note"), validators=[DataRequired(), Length(max=1000)])
    # The Dutch report shows this; without it, the English text.
    text_nl = TextAreaField(_l("Note in Dutch (optional)"), validators=[Length(max=1000)])

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The last day lies before the first day."))


class FigureImportForm(CleanForm):
    file = FileField(_l("CSV file"), validators=[FileRequired()])


# --- administration: tablets, users, tokens -----------------------------------------------------


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (WTForms' documented MultiCheckboxField)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


MODES = {
    "open": _l("open: every client may start a survey"),
    "armed": _l("armed: the desk staff arm each survey"),
}
ROLES = {"coordinator": _l("coordinator"), "admin": _l("admin")}
NAME_RULE = _l("Give a name of 1 to 100 characters.")


class TabletForm(FlaskForm):
    name = StringField(
        _l("Name"), validators=[DataRequired(NAME_RULE), Length(max=100, message=NAME_RULE)]
    )
    desks = CheckboxesField(
        _l("Desks it serves"), choices=[], validators=[DataRequired(_l("Tick at least one desk."))]
    )
    mode = RadioField(
        _l("Mode"),
        choices=[SelectChoice(key, label) for key, label in MODES.items()],
        default="open",
        validators=[InputRequired(_l("Pick a mode."))],
    )


class UserForm(FlaskForm):
    username = StringField(
        _l("User name"), validators=[DataRequired(NAME_RULE), Length(max=100, message=NAME_RULE)]
    )
    role = RadioField(
        _l("Role"),
        choices=[SelectChoice(key, label) for key, label in ROLES.items()],
        default="coordinator",
        validators=[InputRequired(_l("Pick a role."))],
    )


class TokenForm(FlaskForm):
    name = StringField(
        _l("Token name"), validators=[DataRequired(NAME_RULE), Length(max=100, message=NAME_RULE)]
    )


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(),
            Length(min=10, max=200, message=_l("A password has 10 to 200 characters.")),
        ],
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("password", _l("The two passwords differ."))],
    )


# --- saved overviews ----------------------------------------------------------------------------

NARRATIVE_LABELS = {
    "introduction": _l("Introduction"),
    "progress": _l("Pilot progress"),
    "outlook": _l("Expectations (outlook)"),
}


def optional_day(label):
    """A day that may be left empty (then the overview follows its rating period)."""
    return DateField(label, validators=[Optional(), plausible_day])


def build_overview_form(questionnaire, quote_questions, languages, lang: str):
    """The overview form: title, periods, desks, quotes per question, narrative per language.

    Built per call (WTForms' dynamic form composition): one quote count per quotable question
    and one text per narrative section and language, named `quotes_<question>` and
    `<section>_<lang>`.
    """

    class OverviewForm(FlaskForm):
        title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
        first = DateField(_l("Ratings from"), validators=[InputRequired(), plausible_day])
        last = DateField(_l("Ratings up to"), validators=[InputRequired(), plausible_day])
        figures_first = optional_day(_l("Figures from (earlier for a baseline year)"))
        quotes_first = optional_day(_l("Quotes from (default: the rating period)"))
        quotes_last = optional_day(_l("Quotes up to"))
        desks = SelectMultipleField(
            _l("Desks (none ticked: every desk)"),
            choices=[
                SelectChoice(d.id, questionnaire.desk_name(d.id, lang)) for d in questionnaire.desks
            ],  # fmt: skip
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
        )

    for question in quote_questions:
        field = IntegerField(
            _l("Quotes: %(q)s", q=questionnaire.text(question.text, lang)),
            default=2,
            validators=[InputRequired(), NumberRange(0, 20)],
        )
        setattr(OverviewForm, f"quotes_{question.id}", field)
    for language in languages:
        for section, label in NARRATIVE_LABELS.items():
            field = TextAreaField(f"{label} ({language})", validators=[Length(max=5000)])
            setattr(OverviewForm, f"{section}_{language}", field)
    return OverviewForm


class PublishForm(FlaskForm):
    slug = StringField(
        _l("Public name (letters, digits, hyphens)"), validators=[DataRequired(), Length(max=64)]
    )
