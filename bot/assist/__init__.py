"""Hotline answer assistant for staff on the phone: /assist, /api/assist, calculators, source viewer.

The gateway mounts `bot.assist.router.router` when this package imports (bot/app.py). Answers come
from policy_kb only: its search hits turned into a script to read out, and its calculators' Results.
"""
