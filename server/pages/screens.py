"""How the checklist is cut into screens: the one place that groups and orders the questions.

The same screens serve the plain form (no JavaScript: every screen, one below the other, posted at once) and the
stepper (pwa/js/stepper.js: one screen at a time, only the questions pwa/js/interview.js still needs). Sized so a
screen's questions, answers and the Continue button fit a 360×740 phone together (tests/browser/test_checklist_flow.py
checks it). The warning signs come first (a few per screen), then age (so `pregnant` is asked only under 50), then
the numbness, then "tick any that apply" lists for the yes/no facts of SPEC 2.3 and 2.4 (SPEC §6: the rules test
those only for "yes", so an unticked box is a "no").
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Screen:
    id: str
    questions: tuple[str, ...]
    tick: bool = False  # a "tick any that apply" list of checkboxes instead of yes / no / not sure radios


SCREENS: tuple[Screen, ...] = (
    Screen("signs_stroke", ("one_side_weakness", "face_drooping")),
    Screen("signs_head", ("speech_trouble", "vision_loss", "thunderclap_headache")),
    Screen("signs_balance", ("balance_loss", "cold_pale_leg")),
    Screen("signs_body", ("breathing_swallowing", "serious_injury", "saddle_numbness")),
    Screen("signs_legs", ("bladder_bowel", "both_legs_weak", "rising_numbness")),
    Screen("age", ("age_group", "duration")),
    Screen("onset", ("onset", "sides", "pattern")),
    Screen("triggers", ("trigger_posture", "trigger_cold", "eases_with_movement")),
    Screen("spread", ("spreading_up", "face_numbness", "other_areas", "loss_of_feeling")),
    Screen("pain", ("back_pain_radiating", "leg_pain", "one_leg_weak", "foot_drop", "buttock_pain_sitting"),
           tick=True),
    Screen("leg", ("muscle_spasm", "walking_leg_pain", "color_change", "leg_swelling", "foot_wound"), tick=True),
    Screen("general", ("fever", "weight_loss_night_pain", "dizziness_headache_nausea", "fatigue_low_mood",
                       "dry_skin_brittle_hair", "joint_pain_rash"), tick=True),
    Screen("health", ("pregnant", "diabetes", "cancer_history", "autoimmune", "heart_risk"), tick=True),
    Screen("habits", ("sitting_work", "heavy_lifting", "poor_diet"), tick=True),
)


def checklist_screens(checklist: dict) -> list[dict]:
    """The checklist (present.checklist()'s steps and questions, in words) as screens, each with its step's title;
    the step's intro only on its first screen. A question the rules do not have is left out."""
    questions, step_of = {}, {}
    for step in checklist["steps"]:
        for q in step["questions"]:
            questions[q["id"]] = q
            step_of[q["id"]] = step
    screens, seen_steps = [], set()
    for screen in SCREENS:
        shown = [questions[qid] for qid in screen.questions if qid in questions]
        if not shown:
            continue
        step = step_of[shown[0]["id"]]
        first = step["id"] not in seen_steps
        seen_steps.add(step["id"])
        screens.append({"id": screen.id, "step": step["id"], "title": step["title"],
                        "intro": step["intro"] if first else "", "tick": screen.tick, "questions": shown})
    return screens
