"""The checklist's words (English msgids, lazy): steps, questions, answers, levels, reasons, advice."""
from flask_babel import lazy_gettext as _l

# --- Steps: (title, intro) --------------------------------------------------------------------------------------

STEPS = {
    "warning_signs": (
        _l("Warning signs"),
        _l("Answer these questions first. If you answer yes to any of them, you will be told to get help now."),
    ),
    "numbness": (
        _l("About your numbness"),
        _l("Tell us how the numbness started, how long it has lasted and where you feel it."),
    ),
    "symptoms": (
        _l("Other symptoms"),
        _l("Tell us if you have any other symptoms along with the numbness."),
    ),
    "about_you": (
        _l("About you"),
        _l("Your age, health and habits help us see which causes are more likely."),
    ),
}

# --- Questions: (text, why) --------------------------------------------------------------------------------------

QUESTIONS = {
    # Warning signs (SPEC 2.1)
    "one_side_weakness": (
        _l("Did one side of your body (face, arm or leg) suddenly go numb or weak, even if it has now passed?"),
        _l("Sudden numbness or weakness on one side of the body is a sign of stroke."),
    ),
    "face_drooping": (
        _l("Has one side of your face drooped, or is your smile lopsided?"),
        _l("Face drooping is a sign of stroke."),
    ),
    "speech_trouble": (
        _l("Has your speech suddenly become slurred, or do you have trouble speaking or understanding others?"),
        _l("Sudden trouble speaking or understanding is a sign of stroke."),
    ),
    "vision_loss": (
        _l("Has your sight suddenly become blurred or double, or have you lost the sight in one or both eyes?"),
        _l("A sudden change in your sight is a sign of stroke."),
    ),
    "balance_loss": (
        _l("Have you suddenly felt dizzy, lost your balance, or had trouble controlling your arms or legs?"),
        _l("Sudden dizziness or loss of balance is a sign of stroke."),
    ),
    "thunderclap_headache": (
        _l("Have you suddenly had a very severe headache, worse than any you have had before?"),
        _l("A sudden, very severe headache can be a sign of stroke."),
    ),
    "cold_pale_leg": (
        _l("Has a leg or foot suddenly become cold, pale or bluish, and painful?"),
        _l("This can mean the blood flow to the leg is blocked."),
    ),
    "breathing_swallowing": (
        _l("Do you have difficulty breathing or swallowing?"),
        _l("Difficulty breathing or swallowing needs emergency help straight away."),
    ),
    "serious_injury": (
        _l("Did the numbness start after a fall, a road accident, or a blow to your back or neck?"),
        _l("An injury to the back or neck can damage the spine and nerves."),
    ),
    "saddle_numbness": (
        _l("Do you have numbness around your genitals, anus, buttocks or inner thighs?"),
        _l("Numbness in this area can mean the nerves at the bottom of the spine are badly squeezed."),
    ),
    "bladder_bowel": (
        _l("Have you recently had trouble passing urine, or lost control of your bladder or bowels?"),
        _l("This can mean the nerves at the bottom of the spine are badly squeezed."),
    ),
    "both_legs_weak": (
        _l("Have both of your legs recently become weak, so that it is hard to stand or walk?"),
        _l("New weakness in both legs can mean the nerves in the spine are badly squeezed."),
    ),
    "rising_numbness": (
        _l("Did numbness or weakness start in both feet and then climb up your legs over hours or days?"),
        _l("Numbness that climbs up both legs can be a sign of a nerve illness that needs emergency care."),
    ),
    # The numbness (SPEC 2.2)
    "onset": (
        _l("Did the numbness start suddenly or slowly?"),
        _l("Numbness that starts suddenly is more likely to need urgent care."),
    ),
    "duration": (
        _l("How long have you had the numbness?"),
        _l("Numbness that lasts a long time should be checked by a doctor."),
    ),
    "pattern": (
        _l("Is the numbness there all the time, or does it come and go?"),
        _l("Whether the numbness stays or comes and goes helps find its cause."),
    ),
    "sides": (
        _l("Is the numbness in one leg or both legs?"),
        _l("Numbness in both legs often has different causes from numbness in one leg."),
    ),
    "spreading_up": (
        _l("Is the numbness spreading up from your feet to your thighs or hips?"),
        _l("Numbness that spreads upwards should be checked by a doctor soon."),
    ),
    "face_numbness": (
        _l("Is your face numb as well?"),
        _l("Numbness in the face as well as the leg can mean a problem in the brain or nerves."),
    ),
    "other_areas": (
        _l("Have you had numbness or tingling anywhere else, such as your arms or hands, now or in the past?"),
        _l("Numbness in several parts of the body can be a sign of an illness of the nerves."),
    ),
    "loss_of_feeling": (
        _l("Is there a part of your leg or foot where you cannot feel touch at all?"),
        _l("Losing all feeling in part of the leg should be checked by a doctor."),
    ),
    "trigger_posture": (
        _l("Did the numbness start after sitting for a long time, or after sitting cross-legged, squatting or "
           "kneeling?"),
        _l("Sitting in a cramped position or for too long can press on the nerves for a short time."),
    ),
    "trigger_cold": (
        _l("Does the numbness come on in cold weather and get better when you are warm?"),
        _l("Cold weather slows the blood flow to the legs, especially in older people."),
    ),
    "eases_with_movement": (
        _l("Does the numbness go away within a few minutes of standing up, moving about or warming up?"),
        _l("Numbness that goes away quickly when you move is often harmless."),
    ),
    # Other symptoms (SPEC 2.3)
    "back_pain_radiating": (
        _l("Do you have lower back pain that spreads to your buttock, thigh or leg?"),
        _l("Back pain that spreads down the leg is typical of sciatica."),
    ),
    "leg_pain": (
        _l("Do you have pain in your leg?"),
        _l("Whether your leg also hurts helps find the cause."),
    ),
    "one_leg_weak": (
        _l("Does one of your legs feel weak?"),
        _l("Weakness in a leg can mean a nerve is being squeezed."),
    ),
    "foot_drop": (
        _l("Do you have trouble lifting your foot, or bending or straightening your big toe?"),
        _l("This can mean a nerve in the lower back is squeezed, for example by a herniated disc."),
    ),
    "buttock_pain_sitting": (
        _l("Do you have a deep pain in your buttock that gets worse when you sit?"),
        _l("This is typical of piriformis syndrome, when a muscle in the buttock presses on the sciatic nerve."),
    ),
    "muscle_spasm": (
        _l("Do you have muscle pain or cramps after straining a muscle or doing heavy work?"),
        _l("A strained or tight muscle can press on nearby nerves."),
    ),
    "walking_leg_pain": (
        _l("Do you get a cramping pain in your calf or leg when you walk, which eases when you rest?"),
        _l("This can be a sign of narrowed arteries in the legs (peripheral artery disease)."),
    ),
    "color_change": (
        _l("Has the skin of your leg or foot turned pale, bluish or reddish?"),
        _l("A change in skin color can mean a problem with blood flow."),
    ),
    "foot_wound": (
        _l("Do you have a sore on your foot that is slow to heal?"),
        _l("A slow-healing sore can be a sign of nerve or blood vessel damage, often from diabetes."),
    ),
    "dizziness_headache_nausea": (
        _l("Do you also feel dizzy, have headaches, or feel like vomiting?"),
        _l("Together with numbness, these can be signs of an illness a doctor should check."),
    ),
    "fatigue_low_mood": (
        _l("Do you often feel tired, worn out in your mind, or low in mood?"),
        _l("Tiredness and low mood can come with anemia or a lack of vitamins."),
    ),
    "dry_skin_brittle_hair": (
        _l("Is your skin dry, or is your hair dry and breaking easily?"),
        _l("These can be signs of a lack of vitamins or minerals."),
    ),
    "fever": (
        _l("Do you have a fever?"),
        _l("Fever with numbness can mean an infection."),
    ),
    "weight_loss_night_pain": (
        _l("Have you lost weight without trying, or is your pain worse at night?"),
        _l("These can be signs of a serious illness that should be checked soon."),
    ),
    "joint_pain_rash": (
        _l("Do you have painful joints or a skin rash?"),
        _l("Joint pain and a rash can be signs of lupus or another autoimmune disease."),
    ),
    # About the person (SPEC 2.4)
    "age_group": (
        _l("How old are you?"),
        _l("Some causes are more common at certain ages."),
    ),
    "pregnant": (
        _l("Are you pregnant?"),
        _l("Leg numbness is common in pregnancy, but some signs need a doctor soon."),
    ),
    "diabetes": (
        _l("Do you have diabetes?"),
        _l("Diabetes can damage the nerves and blood vessels in the feet."),
    ),
    "cancer_history": (
        _l("Do you have cancer now, or have you had cancer in the past?"),
        _l("Cancer can spread to the spine and press on the nerves, so new numbness must be checked quickly."),
    ),
    "heart_risk": (
        _l("Do you have high blood pressure, high cholesterol, heart disease or a past stroke, or do you smoke?"),
        _l("These raise the risk of stroke and of blocked arteries in the legs."),
    ),
    "sitting_work": (
        _l("Do you sit for long hours at work, for example in an office or driving long distances?"),
        _l("Sitting for long hours is a common cause of leg numbness."),
    ),
    "heavy_lifting": (
        _l("Do you often lift heavy things?"),
        _l("Lifting heavy loads can strain the back and lead to a herniated disc."),
    ),
    "poor_diet": (
        _l("Do you eat a vegetarian or vegan diet, eat poorly, or drink a lot of alcohol?"),
        _l("These can lead to a lack of the vitamins your nerves need."),
    ),
    "autoimmune": (
        _l("Has a doctor told you that you have lupus, multiple sclerosis or another autoimmune disease?"),
        _l("These diseases can affect the nerves and cause numbness."),
    ),
}

# --- Warning signs in short (check again, safety net) ------------------------------------------------------------

WARNING_SIGN_SHORT = {
    "one_side_weakness": _l("Sudden numbness or weakness on one side of the body"),
    "face_drooping": _l("Face drooping on one side"),
    "speech_trouble": _l("Slurred speech, or trouble speaking or understanding"),
    "vision_loss": _l("Sudden blurred or double vision, or loss of sight"),
    "balance_loss": _l("Sudden dizziness or loss of balance"),
    "thunderclap_headache": _l("Sudden, very severe headache"),
    "cold_pale_leg": _l("A leg or foot that is suddenly cold, pale or bluish, and painful"),
    "breathing_swallowing": _l("Difficulty breathing or swallowing"),
    "serious_injury": _l("Numbness after a fall, accident or blow to the back or neck"),
    "saddle_numbness": _l("Numbness around the genitals, anus, buttocks or inner thighs"),
    "bladder_bowel": _l("New trouble passing urine, or loss of bladder or bowel control"),
    "both_legs_weak": _l("New weakness in both legs"),
    "rising_numbness": _l("Numbness or weakness climbing up from both feet"),
}

# --- Answers ----------------------------------------------------------------------------------------------------

ANSWER_LABELS = {
    "yes": _l("Yes"),
    "no": _l("No"),
    "unsure": _l("Not sure"),
}

CHOICE_LABELS = {
    "onset": {
        "sudden": _l("Suddenly"),
        "gradual": _l("Slowly"),
    },
    "duration": {
        "minutes": _l("Less than an hour"),
        "hours": _l("A few hours (less than a day)"),
        "days": _l("A few days (less than a week)"),
        "weeks": _l("1 to 6 weeks"),
        "months": _l("More than 6 weeks"),
    },
    "pattern": {
        "constant": _l("All the time"),
        "comes_and_goes": _l("Comes and goes"),
    },
    "sides": {
        "one": _l("One leg"),
        "both": _l("Both legs"),
    },
    "age_group": {
        "under_18": _l("Under 18"),
        "18_49": _l("18 to 49"),
        "50_64": _l("50 to 64"),
        "65_plus": _l("65 or older"),
    },
}

# --- Levels: (title, action, urgency) ----------------------------------------------------------------------------

_EMERGENCY = _l("Emergency: immediate action required")

LEVELS = {
    "emergency_ambulance": (
        _l("Call %(number)s now"),
        _l("Call the emergency number %(number)s now, even if the signs have passed. Do not drive yourself."),
        _EMERGENCY,
    ),
    "emergency": (
        _l("Go to hospital emergency now"),
        _l("Go to a hospital emergency department now. If you cannot get there safely, call %(number)s."),
        _EMERGENCY,
    ),
    "consultation_24": (
        _l("See a doctor today"),
        _l("See a doctor today, or within 24 hours at the latest. If it suddenly gets worse, call %(number)s."),
        _l("Urgent"),
    ),
    "consultation": (
        _l("Book a doctor's appointment"),
        _l("Book an appointment with a doctor in the next few days. Go sooner if it gets worse or if a warning "
           "sign appears."),
        _l("Non-urgent"),
    ),
    "self_care": (
        _l("You can look after yourself at home"),
        _l("Look after yourself at home with the advice below. See a doctor if the numbness does not go away, "
           "keeps coming back or gets worse."),
        _l("Non-urgent"),
    ),
}

# --- Reasons: one per rule id (SPEC 3) ---------------------------------------------------------------------------

REASONS = {
    # emergency_ambulance
    "stroke_signs": _l("You have signs that can mean a stroke. Treatment works best in the first hours, so every "
                       "minute counts."),
    "limb_ischaemia": _l("The blood flow to your leg may have suddenly been blocked. This needs treatment within "
                         "hours to save the leg."),
    "breathing_difficulty": _l("You have difficulty breathing or swallowing, which needs emergency help."),
    "serious_injury": _l("Your numbness began after an injury, which may have damaged your spine or nerves."),
    # emergency
    "cauda_equina": _l("You have signs that the nerves at the bottom of your spine may be badly squeezed (cauda "
                       "equina syndrome). Without quick treatment, this can cause lasting damage."),
    "ascending_weakness": _l("Your numbness or weakness is climbing up both legs. This can be a nerve illness that "
                             "gets worse quickly and can affect your breathing."),
    "cord_compression": _l("You have or have had cancer, so your numbness may mean cancer is pressing on your "
                           "spinal cord. This must be checked at once."),
    "diabetic_foot_emergency": _l("You have diabetes and a foot sore with fever or a change in skin color. This "
                                  "can mean a serious infection or poor blood flow to the foot."),
    # consultation_24
    "pregnancy_warning": _l("You are pregnant and also have dizziness, headaches or nausea. A doctor should check "
                            "you today."),
    "new_weakness": _l("Your leg or foot is weak, which can mean a nerve is being squeezed."),
    "spreading": _l("Your numbness is spreading upwards, or your face is numb too. A doctor should check this "
                    "soon."),
    "infection_signs": _l("You have a fever. Fever with numbness can mean an infection."),
    "cancer_signs": _l("You have lost weight without trying, or your pain is worse at night. These can be signs "
                       "of a serious illness."),
    "foot_wound": _l("You have a sore on your foot that is slow to heal. It needs checking before it becomes "
                     "infected."),
    "color_change": _l("The skin of your leg or foot has changed color, which can mean a problem with blood "
                       "flow."),
    "unsure_warning_sign": _l("You were not sure about one or more warning signs, so it is safest to see a doctor "
                              "today."),
    # consultation
    "persistent": _l("Your numbness lasts, or does not go away when you move, so a doctor should find the "
                     "cause."),
    "recurring": _l("Your numbness has kept coming back for weeks without a clear trigger, so a doctor should "
                    "find the cause."),
    "sensory_loss": _l("You have lost all feeling in part of your leg or foot, which a doctor should check."),
    "chronic_pain": _l("You have had numbness with pain for more than 6 weeks, which a doctor should check."),
    "claudication": _l("Your leg hurts when you walk and eases when you rest. This can mean narrowed arteries in "
                       "the legs (peripheral artery disease)."),
    "systemic_symptoms": _l("You have other symptoms as well as numbness, which can be signs of an illness a "
                            "doctor should check."),
    "risk_condition": _l("Pregnancy, diabetes and autoimmune diseases can all cause numbness, so a doctor should "
                         "check you."),
    "older_back_pain": _l("You are 50 or older and have back or buttock pain. At your age, a doctor should check "
                          "this."),
    "both_sides": _l("You have numbness in both legs without a clear trigger such as sitting or cold, so a "
                     "doctor should find the cause."),
    "leg_pain": _l("You have leg pain as well as numbness, which a doctor should check."),
    # self_care
    "positional": _l("Your numbness came on after sitting or in the cold, and goes away when you move or warm "
                     "up, so it is most likely harmless."),
    "mild_sciatica": _l("Your pain looks like sciatica (a squeezed nerve in the lower back), which often gets "
                        "better on its own within a few weeks."),
    "muscle_strain": _l("Your numbness may come from a strained muscle, which usually gets better with rest."),
    # no rule fired
    "unexplained": _l("We found no clear, harmless cause for your numbness, so a doctor should check it."),
}

# --- Advice (article §5) -----------------------------------------------------------------------------------------

ADVICE = {
    "stand_up_move": _l("If you have been sitting for a long time, stand up and walk around. This helps the blood "
                        "flow back to your legs and eases the pressure on the nerves."),
    "change_posture": _l("Sit up straight and change position often. Sitting well helps stop the numbness from "
                         "coming back."),
    "avoid_cramped_positions": _l("Avoid sitting cross-legged, squatting or kneeling for a long time."),
    "keep_warm": _l("In cold weather, keep your legs and feet warm with warm socks and clothes. Cold slows the "
                    "blood flow to the legs."),
    "rest_muscle": _l("Rest the strained muscle. Muscle strains usually get better with rest."),
    "cold_compress": _l("For a strain or injury, wrap ice in a clean towel and hold it on the sore area for about "
                        "15 minutes to reduce swelling. Never put ice straight on the skin."),
    "burn_warning": _l("Numb skin cannot feel cold or heat, so ice, hot-water bottles and heating pads can burn "
                       "it without you noticing. Check your skin often."),
    "safety_net": _l("See a doctor if the numbness does not go away, keeps coming back or gets worse. Call "
                     "%(number)s at once if you notice any of these warning signs:"),
}

# --- Result notes ------------------------------------------------------------------------------------------------

CHECK_AGAIN_INTRO = _l("You were not sure about these warning signs. Check them again now: if any of them is true, "
                       "call %(number)s at once.")

DISCLAIMER = _l("This result is guidance, not a diagnosis. It does not replace a doctor's examination. If you are "
                "worried or unsure, call %(number)s.")
