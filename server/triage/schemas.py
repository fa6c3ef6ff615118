"""Schemas of the checklist and triage API; the answers schema is built from rules.json."""
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from server.constants import LANGUAGES
from server.messages import NOT_ALLOWED_VALUE, NOT_BOOLEAN, NOT_NULL, NOT_OBJECT, NOT_TEXT, NOT_UUID, UNKNOWN_FIELD
from server.triage.engine import load_rules


class StrictSchema(Schema):
    """Unknown keys are errors, with a localized message."""

    class Meta:
        unknown = RAISE

    error_messages = {"unknown": UNKNOWN_FIELD, "type": NOT_OBJECT}

    def on_bind_field(self, field_name, field_obj) -> None:
        field_obj.error_messages = {**field_obj.error_messages, "null": NOT_NULL}  # marshmallow's is English only


class StrictBoolean(fields.Boolean):
    """JSON true or false only: marshmallow's Boolean takes 1 and 1.0 for True (1 == True), and 1 is not consent."""

    def _deserialize(self, value, attr, data, **kwargs) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class Answers(fields.Field):
    """question id → answer value, each checked against rules.json; only the given answers are visited."""

    def __init__(self, **kwargs):
        questions = load_rules().questions
        self.allowed = {qid: frozenset(q.values) for qid, q in questions.items()}
        self.pairs = frozenset((qid, value) for qid, values in self.allowed.items() for value in values)
        schema = {
            "type": "object", "additionalProperties": False,
            "properties": {qid: {"type": "string", "enum": list(q.values)} for qid, q in questions.items()},
        }
        super().__init__(metadata={**schema, "description": "question id → answer value"}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> dict:
        if not isinstance(value, dict):
            raise ValidationError(str(NOT_OBJECT))
        try:
            if self.pairs.issuperset(value.items()):  # every answer allowed: one pass in C
                return dict(value)
        except TypeError:  # an unhashable answer (a list): named below
            pass
        errors = {}
        for key, answer in value.items():
            allowed = self.allowed.get(key)
            if allowed is None:
                errors[key] = [str(UNKNOWN_FIELD)]
            elif not isinstance(answer, str):
                errors[key] = [str(NOT_TEXT)]
            elif answer not in allowed:
                errors[key] = [str(NOT_ALLOWED_VALUE)]
        if errors:
            raise ValidationError(errors)
        return dict(value)


class TriageRequestSchema(StrictSchema):
    answers = Answers(load_default=dict)
    lang = fields.String(validate=validate.OneOf(LANGUAGES, error=NOT_ALLOWED_VALUE))
    consent = StrictBoolean(
        load_default=False, error_messages={"invalid": NOT_BOOLEAN},
        metadata={"description": "true to store this assessment anonymously"},
    )
    id = fields.UUID(error_messages={"invalid_uuid": NOT_UUID}, metadata={"description": "client-made UUID"})
    offline = StrictBoolean(
        load_default=False, error_messages={"invalid": NOT_BOOLEAN},
        metadata={"description": "true when the client made this result offline and is syncing it"},
    )

    _PLAIN_KEYS = frozenset(("answers", "lang", "consent", "offline"))

    def load_plain(self, data: object) -> dict | None:
        """What load() gives for `data` when it is plainly valid (known keys, allowed answers, a known lang, true or
        false flags, no id), without marshmallow's walk over every field: a tenth of a triage request. None for
        anything else, which load() then reads: it names what is wrong, and turns an id into a UUID.
        tests/test_fuzz.py checks that the two agree on any body."""
        if type(data) is not dict or not self._PLAIN_KEYS.issuperset(data):
            return None
        answers = data.get("answers", {})
        consent, offline = data.get("consent", False), data.get("offline", False)
        if type(answers) is not dict or type(consent) is not bool or type(offline) is not bool:
            return None
        try:
            if not self.fields["answers"].pairs.issuperset(answers.items()):
                return None
        except TypeError:  # an unhashable answer (a list)
            return None
        loaded = {"answers": dict(answers), "consent": consent, "offline": offline}
        if "lang" in data:
            lang = data["lang"]
            if type(lang) is not str or lang not in LANGUAGES:
                return None
            loaded["lang"] = lang
        return loaded


class IdText(Schema):
    id = fields.String(required=True)
    text = fields.String(required=True)


class CauseOut(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    summary = fields.String(required=True)
    group = fields.String(required=True)


class RecordOut(Schema):
    id = fields.String(required=True)
    stored = fields.Boolean(required=True, metadata={"description": "whether the assessment is stored now"})
    reason = fields.String(
        validate=validate.OneOf(("conflict", "unavailable")),
        metadata={"description": "only when not stored: `unavailable` (the database failed or did not answer in "
                                 "time: send it again later) or `conflict` (this id holds other answers: nothing "
                                 "was stored, do not send it again)"},
    )


class InterviewOut(Schema):
    should_stop = fields.Boolean(required=True, metadata={
        "description": "true when no answer still to come could change the level (or a warning sign was answered "
                       "yes): show the result"})
    next = fields.List(fields.String(), required=True, metadata={
        "description": "the unanswered questions that could still change the level, warning signs first, in the "
                       "checklist's order; the others may be left out (SPEC 6)"})


class TriageResultSchema(Schema):
    level = fields.String(required=True, validate=validate.OneOf(load_rules().levels))
    emergency = fields.Boolean(required=True)
    urgency = fields.String(required=True)
    title = fields.String(required=True)
    action = fields.String(required=True)
    reasons = fields.List(fields.Nested(IdText), required=True)
    check_again = fields.List(fields.Nested(IdText), required=True)
    check_again_intro = fields.String(required=True)
    possible_causes = fields.List(fields.Nested(CauseOut), required=True)
    advice = fields.List(fields.Nested(IdText), required=True)
    warning_signs = fields.List(fields.Nested(IdText), required=True)
    emergency_number = fields.String(required=True)
    disclaimer = fields.String(required=True)
    rules_version = fields.String(required=True)
    lang = fields.String(required=True)
    interview = fields.Nested(InterviewOut, required=True, metadata={
        "description": "the adaptive checklist: post the answers so far, ask `next`, stop at `should_stop`"})
    record = fields.Nested(RecordOut, allow_none=True, required=True)


class OptionOut(Schema):
    value = fields.String(required=True)
    label = fields.String(required=True)


class QuestionOut(Schema):
    id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(("yes_no_unsure", "choice")))
    warning_sign = fields.Boolean(required=True)
    text = fields.String(required=True)
    why = fields.String(required=True)
    options = fields.List(fields.Nested(OptionOut), required=True)


class StepOut(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    intro = fields.String(required=True)
    questions = fields.List(fields.Nested(QuestionOut), required=True)


class ChecklistSchema(Schema):
    lang = fields.String(required=True)
    rules_version = fields.String(required=True)
    emergency_number = fields.String(required=True)
    steps = fields.List(fields.Nested(StepOut), required=True)


class LevelWords(Schema):
    title = fields.String(required=True)
    action = fields.String(required=True)
    urgency = fields.String(required=True)


class CauseWords(Schema):
    name = fields.String(required=True)
    summary = fields.String(required=True)


class ResultWordsSchema(Schema):
    lang = fields.String(required=True)
    rules_version = fields.String(required=True)
    emergency_number = fields.String(required=True)
    emergency_levels = fields.List(fields.String(), required=True)
    levels = fields.Dict(keys=fields.String(), values=fields.Nested(LevelWords), required=True)
    reasons = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    advice = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    warning_signs = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    causes = fields.Dict(keys=fields.String(), values=fields.Nested(CauseWords), required=True)
    check_again_intro = fields.String(required=True)
    disclaimer = fields.String(required=True)
