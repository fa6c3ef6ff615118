"""The leg-numbness guide: the clinic article's content as lazy strings, plus emergency signs."""

from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Item:
    id: str
    title: LazyString
    text: LazyString


@dataclass(frozen=True)
class Section:
    id: str
    title: LazyString
    paragraphs: tuple[LazyString, ...]
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Cause:
    group: str
    name: LazyString
    summary: LazyString
    body: tuple[LazyString, ...]


TITLE = _l("Leg numbness: causes, warning signs and what to do")
INTRO = _l(
    "Leg numbness is common at every age. It can be uncomfortable and get in the way of daily life. Finding its cause "
    "is the key to treating it well. This guide explains what leg numbness can mean, when it is serious and how to "
    "manage it."
)
NOTICE = _l(
    "This is guidance, not a diagnosis. Only a doctor who examines you can find the cause of your numbness. If you "
    "have any of the emergency signs below, call %(number)s now."
)

SECTIONS = (
    Section(
        "emergency_signs",
        _l("Emergency signs: act now"),
        (
            _l(
                "Leg numbness is usually not an emergency, but sometimes it is the sign of a serious problem. If you "
                "or someone with you has any of the signs below, get help at once. Do not wait to see whether they "
                "pass."
            ),
            _l("Do not drive yourself. If you cannot get to hospital safely, call %(number)s."),
        ),
        (
            Item(
                "stroke",
                _l("Signs of a stroke (BE-FAST): call %(number)s now"),
                _l(
                    "B, Balance: sudden dizziness or loss of balance. E, Eyes: sudden blurred, double or lost vision. "
                    "F, Face: one side of the face droops. A, Arm or leg: sudden weakness or numbness on one side of "
                    "the body. S, Speech: slurred speech, or trouble speaking or understanding. T, Time: call "
                    "%(number)s at once, even if the signs pass. A sudden, very severe headache unlike any before is "
                    "also a warning sign."
                ),
            ),
            Item(
                "cold_pale_leg",
                _l("A cold, pale and painful leg: call %(number)s now"),
                _l(
                    "A leg or foot that suddenly becomes cold, pale or bluish and painful may have lost its blood "
                    "supply. Quick treatment can save the leg."
                ),
            ),
            Item(
                "breathing_swallowing",
                _l("Difficulty breathing or swallowing: call %(number)s now"),
                _l("Numbness or weakness with difficulty breathing or swallowing needs help at once."),
            ),
            Item(
                "serious_injury",
                _l("Numbness after a serious fall or accident: call %(number)s now"),
                _l(
                    "If the numbness began after a fall, a road accident or a blow to the back or neck, the spine may "
                    "be injured. Keep still, and do not move an injured person unless they are in danger."
                ),
            ),
            Item(
                "cauda_equina",
                _l("Numbness around the genitals or bladder problems: go to emergency now"),
                _l(
                    "Numbness around the genitals, anus, buttocks or inner thighs, new trouble passing urine, loss of "
                    "bladder or bowel control, or new weakness in both legs can mean that the nerves at the bottom of "
                    "the spine are badly squeezed (cauda equina syndrome). Go to a hospital emergency department now: "
                    "quick treatment can prevent lasting damage."
                ),
            ),
            Item(
                "rising_numbness",
                _l("Numbness rising from both feet: go to emergency now"),
                _l(
                    "Numbness or weakness that starts in both feet and climbs up the legs over hours or days can be "
                    "Guillain-Barré syndrome. Go to a hospital emergency department now. Call %(number)s if breathing "
                    "or swallowing becomes difficult."
                ),
            ),
        ),
    ),
    Section(
        "signs",
        _l("Signs of leg numbness"),
        (
            _l(
                "When your legs or feet are numb, you may feel tingling, “pins and needles”, or a feeling like ants "
                "crawling on your skin. Sometimes you may lose all feeling in part of the leg or foot."
            ),
            _l(
                "The numbness can start in the toes or feet and gradually spread to the calves, the thighs and even "
                "the lower back."
            ),
        ),
    ),
    Section(
        "at_risk",
        _l("Who is most at risk?"),
        (_l("Leg numbness can affect people of any age and any job. It is most common in:"),),
        (
            Item(
                "pregnant",
                _l("Pregnant women"),
                _l("Especially late in pregnancy, when the growing baby presses on blood vessels and nerves."),
            ),
            Item(
                "elderly",
                _l("Older people"),
                _l("Blood flow to the legs slows more easily, for example when the weather turns cold."),
            ),
            Item(
                "office_workers",
                _l("Office workers"),
                _l(
                    "Sitting for long hours, or in a poor posture, presses on the nerves and blood vessels of the legs."
                ),
            ),
            Item(
                "heavy_lifting",
                _l("Labourers who lift heavy loads"),
                _l("Heavy lifting strains the lower back and the muscles."),
            ),
            Item(
                "drivers",
                _l("Long-distance drivers"),
                _l("Sitting in the same position for hours presses on the nerves of the legs."),
            ),
        ),
    ),
    Section(
        "when_to_see_doctor",
        _l("When to see a doctor"),
        (
            _l(
                "If you have any of the emergency signs at the top of this guide, do not wait for an appointment: call "
                "%(number)s or go to a hospital emergency department now."
            ),
            _l("Otherwise, see a doctor soon if you have any of the following:"),
        ),
        (
            Item(
                "persistent",
                _l("Numbness that does not go away"),
                _l("The numbness in your feet lasts and does not ease."),
            ),
            Item(
                "unexplained",
                _l("Numbness with no clear cause"),
                _l("You cannot find a reason for it, such as sitting in one position for too long or cold weather."),
            ),
            Item(
                "dizziness_headache",
                _l("Dizziness, vertigo, headache or nausea"),
                _l(
                    "The numbness comes with dizziness, a spinning feeling, headaches or feeling sick. If these come "
                    "on suddenly, call %(number)s."
                ),
            ),
            Item(
                "spreading",
                _l("Numbness that spreads"),
                _l(
                    "The numbness spreads from the feet to the thighs, hips or face. Numbness that suddenly reaches "
                    "the face is an emergency: call %(number)s."
                ),
            ),
            Item(
                "weakness_fatigue",
                _l("Weakness, tiredness or low mood"),
                _l("The numbness comes with weakness, mental fatigue or signs of depression."),
            ),
            Item(
                "color_change",
                _l("A change in the colour of the leg"),
                _l(
                    "The leg or foot turns pale, bluish or reddish. If this happens suddenly and the leg is cold and "
                    "painful, call %(number)s."
                ),
            ),
            Item(
                "loss_of_feeling",
                _l("Loss of feeling or unusual tingling"),
                _l("You cannot feel touch in part of the leg, or you have unusual tingling in your legs."),
            ),
            Item(
                "leg_pain",
                _l("Leg pain"),
                _l("The numbness comes with pain in the leg."),
            ),
        ),
    ),
    Section(
        "relief",
        _l("How to relieve leg numbness"),
        (
            _l(
                "These steps can ease numbness from sitting too long or from a minor strain. They do not replace "
                "seeing a doctor when you need one."
            ),
        ),
        (
            Item(
                "stand_up_move",
                _l("Stand up and move"),
                _l(
                    "If you have been sitting for a long time, stand up and walk around. This helps the blood flow "
                    "back to your legs and takes the pressure off the nerves."
                ),
            ),
            Item(
                "change_posture",
                _l("Change how you sit"),
                _l(
                    "Sit in a good posture and change position often, so that the numbness does not come back. Avoid "
                    "sitting cross-legged, squatting or kneeling for a long time."
                ),
            ),
            Item(
                "cold_compress",
                _l("Cold compress, for a strain or injury only"),
                _l(
                    "After a muscle strain or an injury, wrap ice in a clean towel and hold it on the sore area for "
                    "about 15 minutes. This can reduce swelling and pressure on the nerves, and ease the numbness."
                ),
            ),
            Item(
                "burn_warning",
                _l("Take care: numb skin burns easily"),
                _l(
                    "Numb skin cannot feel cold or heat properly, so ice, hot-water bottles and heating pads can burn "
                    "it without you feeling it. Always wrap them in a cloth, use them for a short time only, and check "
                    "your skin often."
                ),
            ),
            Item(
                "treat_cause",
                _l("Treat the underlying cause"),
                _l(
                    "To get rid of leg numbness for good, its cause must be found and treated. See a doctor at a "
                    "reputable healthcare facility for an examination."
                ),
            ),
        ),
    ),
    Section(
        "treatment",
        _l("Treatment at %(clinic)s"),
        (
            _l(
                "Lasting relief from leg numbness means treating its cause. A doctor at a reputable healthcare "
                "facility can examine you, find the cause and advise you on treatment."
            ),
            _l(
                "At %(clinic)s, experienced doctors treat leg pain and numbness related to musculoskeletal and spinal "
                "conditions. Each patient receives a treatment plan based on their condition and the root cause of the "
                "numbness."
            ),
            _l(
                "When the numbness comes from the spine, the clinic's specialists recommend chiropractic adjustment "
                "combined with physiotherapy and rehabilitation, to restore the alignment of the spine and relieve the "
                "pressure on the nerves. Chiropractic care focuses on correcting misalignments of the spine, helping "
                "the nerves heal and treating the numbness at its source."
            ),
            _l("This treatment is supported by advanced physiotherapy techniques using modern equipment."),
        ),
    ),
)

# Added to the treatment section only when the clinic's configuration gives them.
CONTACT = (
    ("phone", _l("To book an appointment at %(clinic)s, call %(phone)s.")),
    ("address", _l("Address of %(clinic)s: %(address)s")),
)

CAUSE_GROUPS = {
    "musculoskeletal": _l("Musculoskeletal problems"),
    "medical": _l("Other medical conditions"),
    "lifestyle": _l("Environment, lifestyle and daily habits"),
}

CAUSES = {
    "sciatica": Cause(
        "musculoskeletal",
        _l("Sciatica"),
        _l(
            "Pain and numbness running from the lower back down the leg, caused by pressure on the nerve roots in the "
            "lower back."
        ),
        (
            _l(
                "Problems in the lower back, such as worn spinal discs (degenerative disc disease) or a herniated "
                "disc, can press on nearby nerve roots and cause sciatica."
            ),
            _l(
                "It usually begins with pain in the lower back that spreads to the hip and buttock, then down the "
                "thigh and calf to the foot. Besides the pain, the leg may feel numb and weak."
            ),
            _l(
                "Numbness around the genitals or anus, or new trouble passing urine, is an emergency: go to a hospital "
                "emergency department now."
            ),
        ),
    ),
    "herniated_disc": Cause(
        "musculoskeletal",
        _l("Herniated disc"),
        _l("The soft centre of a spinal disc slips out of place and presses on the nerve roots."),
        (
            _l(
                "A herniated disc happens when the soft centre of a spinal disc (the nucleus pulposus) slips out of "
                "place and presses on the ligaments and nerve roots around it."
            ),
            _l(
                "With a herniated disc in the lower back, you may first notice back pain and stiffness. Over time it "
                "can lead to sciatica and numbness in the leg, often on the top of the foot, with difficulty bending "
                "and stretching the big toe."
            ),
            _l(
                "New weakness in the leg or foot needs a doctor within a day. Numbness around the genitals or anus, or "
                "new trouble passing urine, is an emergency: go to a hospital emergency department now."
            ),
        ),
    ),
    "trauma": Cause(
        "musculoskeletal",
        _l("Injury"),
        _l("An injury to the back, hips or legs can press on the nerve roots and cause lasting numbness."),
        (
            _l(
                "Injuries to the back, the lumbar spine, the hips or the legs, including the ankles and feet, can "
                "press on the nerve roots and often lead to lasting leg numbness."
            ),
            _l(
                "If the numbness began after a serious fall, a road accident or a blow to the back or neck, call "
                "%(number)s now."
            ),
        ),
    ),
    "muscle_strain": Cause(
        "musculoskeletal",
        _l("Muscle strain"),
        _l("A tight or strained muscle can press on nearby nerves; it usually gets better with rest."),
        (
            _l(
                "A muscle spasm can press on nearby nerves and cause numbness and weakness. Muscle strains and tears "
                "can happen anywhere in the body, but they are most common in the legs."
            ),
            _l("They are usually not serious and get better with rest."),
        ),
    ),
    "piriformis_syndrome": Cause(
        "musculoskeletal",
        _l("Piriformis syndrome"),
        _l("A muscle deep in the buttock presses on the sciatic nerve."),
        (
            _l(
                "The piriformis muscle lies deep in the buttock, near the hip joint. It helps keep the hip stable, "
                "move the thigh and keep the body balanced."
            ),
            _l(
                "The sciatic nerve runs from the lower back past this muscle and down the leg. When the muscle is "
                "irritated or does not work properly, it can press on the nerve. This often leads to sciatica, with "
                "pain and numbness in the leg."
            ),
        ),
    ),
    "cauda_equina_syndrome": Cause(
        "musculoskeletal",
        _l("Cauda equina syndrome"),
        _l(
            "Severe pressure on the bundle of nerves at the bottom of the spine: an emergency that needs treatment "
            "within hours."
        ),
        (
            _l(
                "At the bottom of the spine, the nerve roots for the legs, bladder, bowel and genitals form a bundle "
                "called the cauda equina. A large herniated disc, an injury, an infection or a tumour can squeeze this "
                "bundle badly."
            ),
            _l(
                "The warning signs are numbness around the genitals, anus, buttocks or inner thighs; new trouble "
                "passing urine, or loss of bladder or bowel control; new weakness in both legs; and sciatica in both "
                "legs. They can come on suddenly or build up over days."
            ),
            _l(
                "Go to a hospital emergency department now, even if the signs are mild. Treatment within hours can "
                "prevent lasting damage to the legs, bladder, bowel and sexual function."
            ),
        ),
    ),
    "stroke": Cause(
        "medical",
        _l("Stroke"),
        _l(
            "A blocked or burst blood vessel in the brain. Sudden numbness, especially on one side of the body, can be "
            "a warning sign."
        ),
        (
            _l(
                "A stroke happens when brain cells are starved of oxygen because an artery in the brain is blocked or "
                "bursts. Before a stroke there may be warning signs, including numbness in the feet."
            ),
            _l(
                "Call %(number)s at once if you notice sudden loss of balance, sudden trouble seeing, a drooping face, "
                "weakness or numbness of an arm or leg on one side, or slurred speech, even if the signs pass. Do not "
                "wait to see if they get better, and do not drive yourself to hospital."
            ),
        ),
    ),
    "acute_limb_ischaemia": Cause(
        "medical",
        _l("Acute limb ischaemia"),
        _l("A sudden blockage of an artery cuts off the blood supply to a leg: an emergency."),
        (
            _l(
                "An artery that supplies the leg can suddenly be blocked, usually by a blood clot. The leg then lacks "
                "blood and oxygen, and without fast treatment it can be damaged for good."
            ),
            _l(
                "The signs come on suddenly, over minutes or hours: the leg or foot becomes cold, pale or bluish and "
                "painful, and it may become numb, tingly or weak. The risk is higher in people with an irregular "
                "heartbeat, narrowed leg arteries or diabetes, and in smokers."
            ),
            _l("Call %(number)s now. Treatment within hours can save the leg."),
        ),
    ),
    "guillain_barre_syndrome": Cause(
        "medical",
        _l("Guillain-Barré syndrome"),
        _l(
            "The immune system attacks the nerves, causing numbness and weakness that rise from the feet over hours or "
            "days."
        ),
        (
            _l(
                "In Guillain-Barré syndrome the body's immune system attacks the nerves outside the brain and spinal "
                "cord. It often follows an infection, such as a stomach upset or flu, a few weeks earlier."
            ),
            _l(
                "It usually starts with tingling and numbness in both feet, then weakness that climbs up the legs and "
                "may reach the arms and face over hours or days. In some people the muscles used for breathing and "
                "swallowing become weak."
            ),
            _l(
                "Go to a hospital emergency department now if numbness or weakness is rising from both feet. Call "
                "%(number)s if breathing or swallowing becomes difficult. With treatment in hospital most people "
                "recover, although it can take months."
            ),
        ),
    ),
    "spinal_cord_compression": Cause(
        "medical",
        _l("Spinal cord compression"),
        _l(
            "Pressure on the spinal cord, for example from a cancer that has spread to the spine, which needs urgent "
            "treatment."
        ),
        (
            _l(
                "The spinal cord can be squeezed by a tumour, often a cancer that has spread to the spine, or by an "
                "infection, a broken vertebra or a large herniated disc. People who have or have had cancer are most "
                "at risk."
            ),
            _l(
                "Early signs can be new back or neck pain that is constant, keeps getting worse, is worse at night or "
                "when lying down, or feels like a band around the chest or belly. Later come numbness or pins and "
                "needles, weak or heavy legs, unsteady walking, and bladder or bowel problems."
            ),
            _l(
                "If you have had cancer and notice these signs, go to a hospital emergency department now and tell the "
                "doctors about your cancer. Early treatment gives the best chance of keeping the ability to walk."
            ),
        ),
    ),
    "peripheral_artery_disease": Cause(
        "medical",
        _l("Peripheral artery disease"),
        _l("Narrowed arteries reduce blood flow to the legs, causing numbness and making walking difficult."),
        (
            _l(
                "In peripheral artery disease the arteries become narrowed and less blood reaches the legs. This "
                "causes numbness and tingling, and also makes walking difficult: the calf or leg may ache or cramp "
                "when walking and ease with rest."
            ),
            _l("A leg that suddenly becomes cold, pale or bluish and painful is an emergency: call %(number)s now."),
        ),
    ),
    "diabetic_neuropathy": Cause(
        "medical",
        _l("Diabetic neuropathy"),
        _l("Over the years, high blood sugar damages the nerves, often starting with numbness in both feet."),
        (
            _l(
                "Over time, high blood sugar can damage the nerves, most often in the feet. Numbness, tingling or "
                "burning usually starts in the toes of both feet and slowly moves up."
            ),
            _l(
                "A numb foot may not feel a cut, a blister or a burn, so a small wound can turn into an ulcer or an "
                "infection without you noticing."
            ),
            _l(
                "Check your feet every day, including between the toes. Wear shoes that fit well and do not walk "
                "barefoot. Keeping your blood sugar under control helps protect the nerves."
            ),
            _l(
                "See a doctor about a numb foot, and see one soon about any wound on the foot. A foot wound that comes "
                "with fever or with a change in the colour of the foot needs emergency care."
            ),
        ),
    ),
    "multiple_sclerosis": Cause(
        "medical",
        _l("Multiple sclerosis"),
        _l("The immune system attacks the protective layer around the nerve fibres in the brain and spinal cord."),
        (
            _l(
                "Multiple sclerosis is an autoimmune disease of the brain and central nervous system: the immune "
                "system attacks the myelin sheath that protects the nerve fibres. Signals between the brain and the "
                "body are disrupted, which leads to numbness in various parts of the body, including the legs."
            ),
            _l("See a doctor if numbness or tingling affects several parts of your body, or comes back in episodes."),
        ),
    ),
    "lupus": Cause(
        "medical",
        _l("Lupus"),
        _l("An autoimmune disease that can damage the nerves and cause numbness in the legs and arms."),
        (
            _l(
                "Lupus is an autoimmune disease in which the immune system mistakenly attacks healthy tissues. It can "
                "damage the peripheral nerves (peripheral neuropathy), causing numbness and tingling in the legs and "
                "arms."
            ),
        ),
    ),
    "anemia": Cause(
        "medical",
        _l("Anaemia"),
        _l("A common cause of leg numbness, especially late in pregnancy."),
        (
            _l(
                "Anaemia is a common cause of leg numbness, especially in the later stages of pregnancy. As the baby "
                "grows, it presses more on blood vessels and nerves. Blood flow becomes poorer, and parts of the body "
                "far from the heart, such as the legs, can feel numb."
            ),
            _l("If you are pregnant and the numbness comes with dizziness, headaches or nausea, see a doctor today."),
        ),
    ),
    "nutrient_deficiency": Cause(
        "medical",
        _l("Nutrient deficiency"),
        _l("Not getting enough B vitamins, calcium, magnesium, zinc or iron can cause numbness in the feet."),
        (
            _l(
                "A lack of essential nutrients such as B vitamins, calcium, magnesium, zinc and iron can lead to "
                "numbness in the feet."
            ),
            _l(
                "Besides numbness, a deficiency may cause tiredness, lack of energy, low mood, dry skin and brittle "
                "hair."
            ),
        ),
    ),
    "cold_weather": Cause(
        "lifestyle",
        _l("Weather changes and cold"),
        _l(
            "When the temperature drops suddenly, less blood reaches the legs and they can feel numb, especially in "
            "older people."
        ),
        (
            _l(
                "Changes in the weather are a common cause of numbness in the arms and legs, especially in older "
                "people. When the temperature drops suddenly, blood flow slows and not enough blood reaches the hands "
                "and feet, especially the legs, so they feel numb."
            ),
            _l(
                "Keep your legs and feet warm in cold weather. Take care with hot-water bottles and heating pads: numb "
                "skin can burn without you feeling it."
            ),
        ),
    ),
    "posture": Cause(
        "lifestyle",
        _l("Sitting in a poor posture or for too long"),
        _l(
            "Sitting in a poor position or for too long presses on the nerves and blood vessels and causes temporary "
            "numbness."
        ),
        (
            _l(
                "A poor sitting posture is a main cause of temporary numbness in the feet. Sitting the wrong way puts "
                "too much pressure on the nerve roots and small blood vessels of the legs. This can harm the nerves "
                "and restrict blood flow, making the legs numb and uncomfortable."
            ),
            _l("Sitting positions that often cause leg numbness are sitting cross-legged, squatting and kneeling."),
            _l(
                "Stand up, move around and change position often. Numbness from sitting usually goes away within a few "
                "minutes."
            ),
        ),
    ),
}


def build_guidance(clinic: dict, emergency_number: str) -> dict:
    """Render the guide as plain strings in the current locale."""
    values = {
        "number": emergency_number,
        "clinic": clinic["name"],
        "phone": clinic.get("phone") or "",
        "address": clinic.get("address") or "",
    }

    def text(string: LazyString) -> str:
        return str(string) % values

    def section(s: Section) -> dict:
        paragraphs = [text(p) for p in s.paragraphs]
        if s.id == "treatment":
            paragraphs += [text(line) for key, line in CONTACT if values[key]]
        items = [{"id": i.id, "title": text(i.title), "text": text(i.text)} for i in s.items]
        return {"id": s.id, "title": text(s.title), "paragraphs": paragraphs, "items": items}

    return {
        "title": text(TITLE),
        "intro": text(INTRO),
        "notice": text(NOTICE),
        "sections": [section(s) for s in SECTIONS],
        "cause_groups": [
            {
                "id": group,
                "title": text(title),
                "causes": [
                    {
                        "id": cause_id,
                        "name": text(cause.name),
                        "summary": text(cause.summary),
                        "body": [text(p) for p in cause.body],
                    }
                    for cause_id, cause in CAUSES.items()
                    if cause.group == group
                ],
            }
            for group, title in CAUSE_GROUPS.items()
        ],
        "clinic": {
            "name": values["clinic"],
            "phone": values["phone"],
            "address": values["address"],
        },
    }
