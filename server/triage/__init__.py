"""Leg-numbness triage: the rules (rules.json), their evaluator and the words for them."""
