"""Hotline answer assistant for staff on the phone: /assist, /api/assist, calculators, source viewer.

The gateway includes `bot.assist.router.router` explicitly (bot/app.py). Answers come
from policy_kb only: its search hits turned into a script to read out, and its calculators' Results.
"""
